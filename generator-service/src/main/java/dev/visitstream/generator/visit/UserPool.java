package dev.visitstream.generator.visit;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import net.datafaker.Faker;

/**
 * The simulated visitors, built by Datafaker from a seed. Users are drawn one after the other from
 * one random stream, so the same seed gives the same users, and a larger pool from the same seed
 * starts with the users of the smaller one.
 */
final class UserPool {

  private static final String[] AGE_BRACKETS = {"18-25", "26-40", "41-55", "56+"};
  private static final double[] AGE_SHARES = {0.22, 0.40, 0.25, 0.13};
  private static final double OPT_IN_SHARE = 0.35;

  private final VisitUser[] users;

  private UserPool(VisitUser[] users) {
    this.users = users;
  }

  static UserPool build(int size, long seed) {
    Faker faker = new Faker(Locale.ROOT, new Random(seed));
    VisitUser[] users = new VisitUser[size];
    for (int i = 0; i < size; i++) {
      users[i] =
          new VisitUser(
              faker.internet().uuid(),
              faker.internet().publicIpV4Address(),
              coordinate(faker.address().latitude()),
              coordinate(faker.address().longitude()),
              faker.internet().userAgent(),
              AGE_BRACKETS[Weighted.pick(AGE_SHARES, faker.random().nextDouble())],
              faker.random().nextDouble() < OPT_IN_SHARE,
              faker.random().nextDouble());
    }
    return new UserPool(users);
  }

  VisitUser pick(SplittableRandom random) {
    return users[random.nextInt(users.length)];
  }

  /**
   * Datafaker gives "-8.77370050"; written as a plain JSON number ("-8.7737005"), always with a
   * fraction ("12.0", not "12") so that readers see a double, as the contract says.
   */
  static String coordinate(String text) {
    String plain = new BigDecimal(text.replace(',', '.')).stripTrailingZeros().toPlainString();
    return plain.indexOf('.') < 0 ? plain + ".0" : plain;
  }
}
