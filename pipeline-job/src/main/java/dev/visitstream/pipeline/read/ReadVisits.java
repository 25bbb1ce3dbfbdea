package dev.visitstream.pipeline.read;

import dev.visitstream.pipeline.VisitPipelineOptions;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Duration;

/**
 * website-visit as raw records: key and value stay bytes so that a record that is not a visit
 * reaches the dead-letter topic exactly as it arrived. Records carry their event_ts as timestamp
 * ({@link EventTimePolicy}); offsets are committed to the group when a checkpoint completes, so a
 * redeployed job resumes where the last one stopped.
 */
public final class ReadVisits extends PTransform<PBegin, PCollection<KafkaRecord<byte[], byte[]>>> {

  private final String bootstrapServers;
  private final String topic;
  private final Map<String, Object> consumerConfig;
  private final SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory;
  private final Duration maxEventDelay;

  public ReadVisits(
      String bootstrapServers,
      String topic,
      String groupId,
      StartFrom startFrom,
      Duration maxEventDelay) {
    this(
        bootstrapServers,
        topic,
        startFrom.consumerConfig(groupId),
        startFrom.consumerFactory(),
        maxEventDelay);
  }

  /**
   * A read whose consumers are configured and positioned by the caller (e.g. an interactive query
   * that starts at a point in time); the config must name the group and turn auto-commit off.
   */
  public ReadVisits(
      String bootstrapServers,
      String topic,
      Map<String, Object> consumerConfig,
      SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory,
      Duration maxEventDelay) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.consumerConfig = consumerConfig;
    this.consumerFactory = consumerFactory;
    this.maxEventDelay = maxEventDelay;
  }

  public static ReadVisits from(VisitPipelineOptions options) {
    return new ReadVisits(
        options.getBootstrapServers(),
        options.getInputTopic(),
        options.getGroupId(),
        StartFrom.parse(options.getStartFrom()),
        Duration.standardSeconds(options.getMaxEventDelaySeconds()));
  }

  @Override
  public PCollection<KafkaRecord<byte[], byte[]>> expand(PBegin input) {
    return input.apply(
        "KafkaRead",
        KafkaIO.<byte[], byte[]>read()
            .withBootstrapServers(bootstrapServers)
            .withTopic(topic)
            .withKeyDeserializer(ByteArrayDeserializer.class)
            .withValueDeserializer(ByteArrayDeserializer.class)
            .withConsumerConfigUpdates(consumerConfig)
            .withConsumerFactoryFn(consumerFactory)
            .withTimestampPolicyFactory(EventTimePolicy.factory(maxEventDelay))
            .commitOffsetsInFinalize());
  }
}
