package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.OneOf;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eventingest.core.world.Partition;
import org.eventingest.core.world.WorldSpec;
import org.hibernate.validator.constraints.Range;

/** {@code [world]}: the simulated shops, goods and users that events follow from. */
public class WorldSettings {

    @Range(min = 1, max = 100_000)
    @JsonProperty("shops")
    private int shops = 100;

    @Range(min = 1, max = 1_000_000)
    @JsonProperty("goods")
    private int goods = 1000;

    @Range(min = 1, max = 10_000_000)
    @JsonProperty("users")
    private int users = 10_000;

    @NotNull
    @DecimalMin(value = "0.00", message = "must be between 0.00 and 1000000000.00")
    @DecimalMax(value = "1000000000.00", message = "must be between 0.00 and 1000000000.00")
    @Digits(integer = 10, fraction = 2, message = "must have at most two decimals")
    @JsonProperty("starting_balance")
    private BigDecimal startingBalance = new BigDecimal("100000.00");

    @NotNull
    @DecimalMin(value = "0.01", message = "must be between 0.01 and 1000000.00")
    @DecimalMax(value = "1000000.00", message = "must be between 0.01 and 1000000.00")
    @Digits(integer = 7, fraction = 2, message = "must have at most two decimals")
    @JsonProperty("price_min")
    private BigDecimal priceMin = new BigDecimal("1.00");

    @NotNull
    @DecimalMin(value = "0.01", message = "must be between 0.01 and 1000000.00")
    @DecimalMax(value = "1000000.00", message = "must be between 0.01 and 1000000.00")
    @Digits(integer = 7, fraction = 2, message = "must have at most two decimals")
    @JsonProperty("price_max")
    private BigDecimal priceMax = new BigDecimal("500.00");

    /** {@code uniform}, or {@code zipf}: shop k is picked with weight 1/k^zipf_exponent (shop 1 is the hottest). */
    @OneOf({"uniform", "zipf"})
    @JsonProperty("shop_distribution")
    private String shopDistribution = "uniform";

    @NotNull
    @DecimalMin(value = "0.0", message = "must be between 0.0 and 5.0")
    @DecimalMax(value = "5.0", message = "must be between 0.0 and 5.0")
    @JsonProperty("zipf_exponent")
    private BigDecimal zipfExponent = new BigDecimal("1.0");

    /** How many recent orders stay returnable; older ones can no longer be returned. */
    @Range(min = 1, max = 10_000_000)
    @JsonProperty("max_open_orders")
    private int maxOpenOrders = 10_000;

    /**
     * This instance's part of a world split over {@code partitions} instances: it holds the shops and users whose id
     * is {@code ≡ partition (mod partitions)} and issues order ids of that form, so that instances with one
     * configuration but for this key write disjoint worlds.
     */
    @Range(min = 0, max = Partition.MAX_COUNT - 1)
    @JsonProperty("partition")
    private int partition = 0;

    @Range(min = 1, max = Partition.MAX_COUNT)
    @JsonProperty("partitions")
    private int partitions = 1;

    @JsonIgnore
    @ValidationMethod(message = "world.price_min must not exceed world.price_max")
    public boolean isPriceRangeOrdered() {
        return priceMin == null || priceMax == null || priceMin.compareTo(priceMax) <= 0;
    }

    @JsonIgnore
    @ValidationMethod(message = "world.shops × world.goods must be at most 50000000 "
            + "(stock and prices are kept per pair)")
    public boolean isWorldSmallEnough() {
        return (long) shops * goods <= 50_000_000L;
    }

    @JsonIgnore
    @ValidationMethod(message = "world.partition must be between 0 and world.partitions - 1")
    public boolean isPartitionInRange() {
        // A partition outside 0..1023 is reported by its range check alone.
        return partitionsOutOfRange() || partition < 0 || partition >= Partition.MAX_COUNT || partition < partitions;
    }

    @JsonIgnore
    @ValidationMethod(message = "world.shops and world.users must each be at least world.partitions "
            + "(every partition owns at least one shop and one user)")
    public boolean isEveryPartitionPopulated() {
        return partitionsOutOfRange() || shops >= partitions && users >= partitions;
    }

    /** Reported by the range check already. */
    private boolean partitionsOutOfRange() {
        return partitions < 1 || partitions > Partition.MAX_COUNT;
    }

    /** The world these settings describe. */
    public WorldSpec toSpec() {
        return new WorldSpec(shops, goods, users, getStartingBalanceCents(), getPriceMinCents(), getPriceMaxCents(),
                maxOpenOrders, isZipf(), getZipfExponent(), new Partition(partition, partitions));
    }

    /** This instance's partition of the world, {@code 0..partitions-1}. */
    public int getPartition() {
        return partition;
    }

    public int getPartitions() {
        return partitions;
    }

    public int getShops() {
        return shops;
    }

    public int getGoods() {
        return goods;
    }


    public long getStartingBalanceCents() {
        return startingBalance.movePointRight(2).longValueExact();
    }

    public long getPriceMinCents() {
        return priceMin.movePointRight(2).longValueExact();
    }

    public long getPriceMaxCents() {
        return priceMax.movePointRight(2).longValueExact();
    }

    public boolean isZipf() {
        return "zipf".equals(shopDistribution);
    }

    public double getZipfExponent() {
        return zipfExponent.doubleValue();
    }
}
