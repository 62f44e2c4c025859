package org.eventingest.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.eventingest.pipeline.PipelineDelivery;

/**
 * {@code POST /tasks/requeue-parked} on the admin port: files parked after a non-retriable answer
 * from pipeline-apid are announced again. Answers {@code {"requeued":[...]}}.
 */
public final class RequeueParkedTask extends Task {

    private final PipelineDelivery delivery;
    private final ObjectMapper json;

    public RequeueParkedTask(PipelineDelivery delivery, ObjectMapper json) {
        super("requeue-parked", "application/json");
        this.delivery = delivery;
        this.json = json;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        output.println(json.writeValueAsString(Map.of("requeued", delivery.requeueParked())));
    }
}
