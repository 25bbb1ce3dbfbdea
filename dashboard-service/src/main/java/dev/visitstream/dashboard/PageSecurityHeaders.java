package dev.visitstream.dashboard;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

/**
 * A second line of defence for the page: it renders every event value as text, and on top of that
 * the browser is told to run no inline script or handler and to load nothing from elsewhere, so
 * even a rendering mistake could not run an attacker's user agent string.
 */
public class PageSecurityHeaders {

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  void install(@Observes Router router) {
    router.get("/").order(-100).handler(PageSecurityHeaders::addHeaders);
    router.get("/index.html").order(-100).handler(PageSecurityHeaders::addHeaders);
    router.get("/sql.html").order(-100).handler(PageSecurityHeaders::addHeaders);
    // the SQL workbench's address without the file name
    router.get("/sql").order(-100).handler(rc -> rc.reroute("/sql.html"));
  }

  private static void addHeaders(RoutingContext rc) {
    rc.response()
        .putHeader("Content-Security-Policy", POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    rc.next();
  }
}
