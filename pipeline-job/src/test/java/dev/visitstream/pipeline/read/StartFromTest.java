package dev.visitstream.pipeline.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** --startFrom as consumer settings: where a new job starts, and offsets never auto-committed. */
class StartFromTest {

  @Test
  void startFromControlsTheResetPolicyAndNeverAutoCommits() {
    assertThat(StartFrom.COMMITTED.consumerConfig("g"))
        .containsEntry("group.id", "g")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("auto.offset.reset", "earliest");
    assertThat(StartFrom.LATEST.consumerConfig("g")).containsEntry("auto.offset.reset", "latest");
  }
}
