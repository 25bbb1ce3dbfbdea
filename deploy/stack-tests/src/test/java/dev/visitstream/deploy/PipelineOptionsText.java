package dev.visitstream.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads "--name=value" pipeline options out of a space-separated option list. */
final class PipelineOptionsText {

  private static final Pattern OPTION = Pattern.compile("--(\\w+)=(\"[^\"]*\"|\\S+)");

  private PipelineOptionsText() {}

  static Map<String, String> options(String commandLine) {
    Map<String, String> options = new LinkedHashMap<>();
    Matcher m = OPTION.matcher(commandLine);
    while (m.find()) {
      options.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
    }
    return options;
  }
}
