import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Records in a topic (sum of end offsets minus start offsets): java -cp <kafka-clients> TopicCount.java BOOTSTRAP TOPIC */
public class TopicCount {
    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", args[0]))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(args[1])).allTopicNames().get()
                    .get(args[1]).partitions().stream().map(p -> new TopicPartition(args[1], p.partition())).toList();
            long end = sum(admin, partitions, OffsetSpec.latest());
            long start = sum(admin, partitions, OffsetSpec.earliest());
            System.out.println(end - start);
        }
    }

    private static long sum(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all().get()
                .values().stream().mapToLong(info -> info.offset()).sum();
    }
}
