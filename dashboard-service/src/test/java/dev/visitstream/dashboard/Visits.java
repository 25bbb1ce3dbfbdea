package dev.visitstream.dashboard;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** website-out records as the pipeline writes them (key {"event_id","event_ts"}, 12-field value). */
public final class Visits {

    public static final String[] AGES = { "18-25", "26-40", "41-55", "56-70", "71+" };
    private static final String[] PAGES = { "index.html", "chromista.html", "fungi.html", "plantae.html",
            "protozoa.html", "animalia.html", "bacteria.html", "archaea.html" };
    private static final int[] CODES = { 200, 200, 200, 200, 200, 200, 301, 404, 500, 503 };
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Visits() {
    }

    public static ObjectNode visit(String userId, long eventTs) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int user = Math.floorMod(userId.hashCode(), 1000);
        ObjectNode v = MAPPER.createObjectNode();
        v.put("ip", "10." + (user % 250) + "." + (user / 250) + "." + (1 + user % 7));
        v.put("id", userId);
        if (user % 10 == 0) {
            v.put("lat", "");
            v.put("lng", "");
        } else {
            v.put("lat", Math.round((r.nextDouble() * 140 - 60) * 1e4) / 1e4);
            v.put("lng", Math.round((r.nextDouble() * 360 - 180) * 1e4) / 1e4);
        }
        v.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                + (100 + user % 30) + ".0.0.0 Safari/537.36");
        v.put("age_bracket", AGES[user % AGES.length]);
        v.put("opted_into_marketing", user % 3 == 0);
        v.put("http_request", "GET " + PAGES[r.nextInt(PAGES.length)] + " HTTP/1.0");
        v.put("http_response", CODES[r.nextInt(CODES.length)]);
        v.put("file_size_bytes", 500 + r.nextInt(5000));
        v.put("event_datetime", LocalDateTime.ofInstant(Instant.ofEpochMilli(eventTs), ZoneOffset.UTC).format(DATE_TIME));
        v.put("event_ts", eventTs);
        return v;
    }

    public static String key(String userId, long eventTs) {
        return "{\"event_id\":" + quote(userId) + ",\"event_ts\":" + eventTs + "}";
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

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
