package dev.visitstream.generator.api;

import dev.visitstream.generator.engine.GeneratorBusyException;
import dev.visitstream.generator.settings.InvalidSettingsException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals as JSON that name the field at fault. */
public class ErrorMappers {

  @ServerExceptionMapper
  public Response invalid(InvalidSettingsException e) {
    return Response.status(Response.Status.BAD_REQUEST)
        .entity(new ErrorResponse(e.getMessage(), e.violations()))
        .build();
  }

  @ServerExceptionMapper
  public Response busy(GeneratorBusyException e) {
    return Response.status(Response.Status.CONFLICT)
        .entity(new ErrorResponse(e.getMessage(), List.of()))
        .build();
  }
}
