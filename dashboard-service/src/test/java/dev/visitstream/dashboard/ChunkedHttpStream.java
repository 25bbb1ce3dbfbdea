package dev.visitstream.dashboard;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain-socket HTTP/1.1 GET that reads a chunked response one chunk at a time. Tests need the raw
 * socket: a "stalled" client must really stop reading (a small receive window makes the server's
 * write queue fill up), which no HTTP client library offers.
 */
public final class ChunkedHttpStream implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private byte[] chunk = new byte[64 * 1024];
  private int chunkLength;

  public ChunkedHttpStream(
      String host,
      int port,
      String pathAndQuery,
      Map<String, String> requestHeaders,
      int receiveBufferBytes)
      throws IOException {
    socket = new Socket();
    if (receiveBufferBytes > 0) {
      socket.setReceiveBufferSize(receiveBufferBytes);
    }
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5000);
    StringBuilder request =
        new StringBuilder()
            .append("GET ")
            .append(pathAndQuery)
            .append(" HTTP/1.1\r\n")
            .append("Host: ")
            .append(host)
            .append(':')
            .append(port)
            .append("\r\n")
            .append("Accept: text/event-stream\r\n");
    requestHeaders.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    request.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    status = Integer.parseInt(parts[1]);
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      headers.put(
          h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
  }

  public int status() {
    return status;
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  public boolean chunked() {
    return "chunked".equalsIgnoreCase(header("transfer-encoding"));
  }

  /** Reads the next chunk; false at the end of the response. See {@link #chunk()}. */
  public boolean nextChunk() throws IOException {
    String sizeLine = line();
    int semicolon = sizeLine.indexOf(';');
    int size =
        Integer.parseInt(
            semicolon < 0 ? sizeLine.trim() : sizeLine.substring(0, semicolon).trim(), 16);
    if (size == 0) {
      return false;
    }
    if (chunk.length < size) {
      chunk = new byte[Math.max(size, chunk.length * 2)];
    }
    int read = in.readNBytes(chunk, 0, size);
    if (read < size) {
      throw new EOFException("connection closed inside a chunk");
    }
    chunkLength = size;
    line();
    return true;
  }

  /**
   * The bytes of the last chunk read: {@code chunk()[0 .. chunkLength())}, reused by the next read.
   */
  public byte[] chunk() {
    return chunk;
  }

  public int chunkLength() {
    return chunkLength;
  }

  /** Reads the rest of a response that is not chunked (an error body). */
  public String body() throws IOException {
    String length = header("content-length");
    if (length != null) {
      return new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder();
    while (nextChunk()) {
      sb.append(new String(chunk, 0, chunkLength, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c == -1 && b.size() == 0) {
      throw new EOFException("connection closed");
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
