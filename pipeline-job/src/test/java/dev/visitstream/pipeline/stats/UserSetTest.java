package dev.visitstream.pipeline.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserSetTest {

  private static List<String> roundTrip(List<String> users) {
    List<String> unpacked = new ArrayList<>();
    UserSet.unpack(UserSet.pack(users), unpacked::add);
    return unpacked;
  }

  @Test
  void anyUserIdComesBackAsItWas() {
    List<String> users =
        List.of("user-1", "3:abc", ":", "", "12:", "\u00e9\u4e2d\ud83d\ude00", "a\u0000b", "42");

    assertThat(roundTrip(users)).containsExactlyElementsOf(users);
  }

  @Test
  void distinctUsersCountsEachUserOnceAcrossSets() {
    DistinctUsers distinct = new DistinctUsers();
    var seen = distinct.createAccumulator();
    distinct.addInput(seen, UserSet.pack(List.of("a", "b")));
    distinct.addInput(seen, UserSet.pack(List.of("b", "c:1")));
    var other = distinct.addInput(distinct.createAccumulator(), UserSet.pack(List.of("a", "d")));

    assertThat(distinct.extractOutput(distinct.mergeAccumulators(List.of(seen, other))))
        .isEqualTo(4L);
  }
}
