package dev.visitstream.dashboard.stream;

import java.util.Map;

/**
 * One live events client as {@code /api/status} lists it.
 *
 * @param behind events between its cursor and the newest one
 */
public record EventClient(long behind, long delivered, long dropped, Map<String, Object> filter) {}
