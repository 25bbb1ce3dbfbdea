package dev.visitstream.dashboard.journal;

/**
 * One parsed record of {@code website-out}: the 12 fields of the visit contract. Strings are
 * kept exactly as received (they are attacker-controlled and only ever leave as JSON strings).
 * A missing optional field is {@code null}; an unknown location is {@code -1}.
 */
public record VisitEvent(
        String ip,
        String id,
        double lat,
        double lng,
        String userAgent,
        String ageBracket,
        Boolean optedIntoMarketing,
        String httpRequest,
        int httpResponse,
        Long fileSizeBytes,
        String eventDatetime,
        long eventTs) {

    public static final double UNKNOWN_LOCATION = -1;

    /** The page part of {@code http_request} ("GET chromista.html HTTP/1.0" is "chromista.html"). */
    public String page() {
        if (httpRequest == null) {
            return "(none)";
        }
        String request = httpRequest.strip();
        int first = request.indexOf(' ');
        if (first < 0) {
            return shorten(request);
        }
        int second = request.indexOf(' ', first + 1);
        String path = second < 0 ? request.substring(first + 1) : request.substring(first + 1, second);
        return shorten(path.isEmpty() ? request : path);
    }

    public boolean hasLocation() {
        return !(lat == UNKNOWN_LOCATION && lng == UNKNOWN_LOCATION)
                && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180;
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120);
    }
}
