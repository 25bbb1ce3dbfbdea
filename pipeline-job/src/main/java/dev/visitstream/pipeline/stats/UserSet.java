package dev.visitstream.pipeline.stats;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * A set of user ids as one SQL string column, so that a row of {@link WindowStats}'s bundle sums
 * can stand for many users: each id as its length, ':' and the id. User ids are whatever the input
 * says, any character included, so no separator alone could be trusted.
 */
final class UserSet {

  private UserSet() {}

  static String pack(Collection<String> users) {
    int length = 0;
    for (String user : users) {
      length += user.length() + 4; // ids of up to 999 characters size it exactly
    }
    StringBuilder packed = new StringBuilder(length);
    for (String user : users) {
      packed.append(user.length()).append(':').append(user);
    }
    return packed.toString();
  }

  static void unpack(String packed, Consumer<String> user) {
    int at = 0;
    while (at < packed.length()) {
      int colon = packed.indexOf(':', at);
      int length = Integer.parseInt(packed, at, colon, 10);
      user.accept(packed.substring(colon + 1, colon + 1 + length));
      at = colon + 1 + length;
    }
  }
}
