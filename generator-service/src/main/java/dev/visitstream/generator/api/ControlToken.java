package dev.visitstream.generator.api;

import dev.visitstream.generator.settings.GeneratorConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * With {@code generator.api-token} set, only callers that present it may steer the generator
 * (start, stop, send, burst, config changes). Reading status and settings stays open, as do health
 * and metrics, so probes and dashboards need no secret.
 */
public class ControlToken {

  static final String HEADER = "X-Api-Token";
  private static final String BEARER = "Bearer ";

  @Inject GeneratorConfig config;

  @ServerRequestFilter
  public Response check(ContainerRequestContext request) {
    Optional<String> expected = config.apiToken().filter(token -> !token.isBlank());
    if (expected.isEmpty() || !mutating(request.getMethod())) {
      return null;
    }
    String presented = presented(request);
    if (presented != null
        && MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8),
            expected.get().getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    String why =
        presented == null
            ? "this generator requires an API token: send it as 'Authorization: Bearer <token>' or '"
                + HEADER
                + ": <token>'"
            : "the API token is wrong";
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorResponse(why, List.of()))
        .build();
  }

  private static boolean mutating(String method) {
    return !(HttpMethod.GET.equals(method)
        || HttpMethod.HEAD.equals(method)
        || HttpMethod.OPTIONS.equals(method));
  }

  private static String presented(ContainerRequestContext request) {
    String header = request.getHeaderString(HEADER);
    if (header != null) {
      return header.trim();
    }
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).trim();
    }
    return null;
  }
}
