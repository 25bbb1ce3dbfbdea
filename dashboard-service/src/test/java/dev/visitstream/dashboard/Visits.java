package dev.visitstream.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visitstream.visit.VisitField;
import dev.visitstream.visit.testing.SampleVisit;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** website-out records as the pipeline writes them (key and value of the visit contract). */
public final class Visits {

  public static final String[] AGES = {"18-25", "26-40", "41-55", "56-70", "71+"};
  private static final String[] PAGES = {
    "index.html",
    "chromista.html",
    "fungi.html",
    "plantae.html",
    "protozoa.html",
    "animalia.html",
    "bacteria.html",
    "archaea.html"
  };
  private static final int[] CODES = {200, 200, 200, 200, 200, 200, 301, 404, 500, 503};
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Visits() {}

  public static ObjectNode visit(String userId, long eventTs) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int user = Math.floorMod(userId.hashCode(), 1000);
    SampleVisit v =
        SampleVisit.of(userId, eventTs)
            .with(VisitField.IP, "10." + (user % 250) + "." + (user / 250) + "." + (1 + user % 7));
    if (user % 10 == 0) {
      v.with(VisitField.LAT, "").with(VisitField.LNG, "");
    } else {
      v.with(VisitField.LAT, Math.round((r.nextDouble() * 140 - 60) * 1e4) / 1e4)
          .with(VisitField.LNG, Math.round((r.nextDouble() * 360 - 180) * 1e4) / 1e4);
    }
    v.with(
            VisitField.USER_AGENT,
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                + (100 + user % 30)
                + ".0.0.0 Safari/537.36")
        .with(VisitField.AGE_BRACKET, AGES[user % AGES.length])
        .with(VisitField.OPTED_INTO_MARKETING, user % 3 == 0)
        .with(VisitField.HTTP_REQUEST, "GET " + PAGES[r.nextInt(PAGES.length)] + " HTTP/1.0")
        .with(VisitField.HTTP_RESPONSE, CODES[r.nextInt(CODES.length)])
        .with(VisitField.FILE_SIZE_BYTES, 500 + r.nextInt(5000));
    try {
      return (ObjectNode) MAPPER.readTree(v.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String key(String userId, long eventTs) {
    return SampleVisit.outKey(userId, eventTs);
  }

  public static String json(ObjectNode visit) {
    try {
      return MAPPER.writeValueAsString(visit);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KafkaProducer<String, String> producer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    return new KafkaProducer<>(p);
  }
}
