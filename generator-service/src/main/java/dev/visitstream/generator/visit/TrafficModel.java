package dev.visitstream.generator.visit;

/** Who visits (the user pool) and what they visit (the web site), both built from one seed. */
public final class TrafficModel {

  private final UserPool users;
  private final WebSite site;

  private TrafficModel(UserPool users, WebSite site) {
    this.users = users;
    this.site = site;
  }

  public static TrafficModel build(int users, long seed) {
    return new TrafficModel(UserPool.build(users, seed), new WebSite(seed));
  }

  UserPool users() {
    return users;
  }

  WebSite site() {
    return site;
  }
}
