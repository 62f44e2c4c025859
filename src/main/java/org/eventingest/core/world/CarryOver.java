package org.eventingest.core.world;

/**
 * What a file leaves for the next one: the purchase held back by an out-of-order return (written
 * first in the next file), and the last original line (which a duplicate at the top of the next
 * file repeats). Immutable: a tick replaces it once, at its end.
 *
 * @param heldLine     the held purchase's line, or null
 * @param heldShop     its shop index, or -1
 * @param lastLine     the previous file's last original line, or null
 * @param lastLineFile the file it is in
 * @param lastLineNo   its line number there
 * @param lastLineType its event type code
 * @param lastLineShop its shop id
 */
public record CarryOver(String heldLine, int heldShop, String lastLine, String lastLineFile, int lastLineNo,
                        int lastLineType, long lastLineShop) {

    /** A new world's: nothing held, no previous line. */
    public static final CarryOver NONE = new CarryOver(null, -1, null, null, 0, 0, 0);
}
