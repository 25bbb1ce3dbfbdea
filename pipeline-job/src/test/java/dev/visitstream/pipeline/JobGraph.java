package dev.visitstream.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.PTransform;

/** The job as {@link VisitPipeline#build} lays it out for some options, without running it. */
final class JobGraph {

  private JobGraph() {}

  /** Every composite step by its full name, in topological order. */
  static Map<String, PTransform<?, ?>> steps(String... args) {
    VisitPipelineOptions options = VisitPipeline.options(args);
    Pipeline job = Pipeline.create(options);
    VisitPipeline.build(job, options);
    Map<String, PTransform<?, ?>> steps = new LinkedHashMap<>();
    job.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            steps.put(node.getFullName(), node.getTransform());
            return CompositeBehavior.ENTER_TRANSFORM;
          }
        });
    return steps;
  }
}
