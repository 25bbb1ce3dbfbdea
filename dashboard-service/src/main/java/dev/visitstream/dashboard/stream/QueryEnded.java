package dev.visitstream.dashboard.stream;

/** The last message ({@code ended}) of a query's rows stream: why no more rows come. */
public record QueryEnded(String reason) {}
