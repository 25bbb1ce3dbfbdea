package dev.visitstream.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The defaults written in deploy/stack: its ports, topics and the job's submission arguments. */
final class LocalStackScript {

    static final String LOCATION = "deploy/stack";

    private static final Pattern PORT = Pattern.compile(
            ": \"\\$\\{(\\w+_PORT):=\\$\\(\\((\\d+) \\+ STACK_PORT_OFFSET\\)\\)}\"");
    private static final Pattern SETTING = Pattern.compile(": \"\\$\\{(\\w+):=([^}]*)}\"");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^(\\w+)=(\\S+)$");
    private static final Pattern SUBMISSION = Pattern.compile("\\n\\s*args=\\(([^)]*)\\)");

    private final String text;

    private LocalStackScript(String text) {
        this.text = text;
    }

    static LocalStackScript load() {
        return new LocalStackScript(RepositoryFiles.read(LOCATION));
    }

    /** Default ports by variable name (KAFKA_PORT -> 9092 ...), at STACK_PORT_OFFSET=0. */
    Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Matcher m = PORT.matcher(text);
        while (m.find()) {
            ports.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return ports;
    }

    int port(String variable) {
        Integer port = ports().get(variable);
        if (port == null) {
            throw new AssertionError(LOCATION + " sets no default for " + variable + "; it has " + ports().keySet());
        }
        return port;
    }

    /** A setting's default (": "${NAME:=value}"") or a fixed value (NAME=value on its own line). */
    String setting(String variable) {
        for (Pattern pattern : new Pattern[] {SETTING, ASSIGNMENT}) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (m.group(1).equals(variable)) {
                    return m.group(2);
                }
            }
        }
        throw new AssertionError(LOCATION + " sets no default for " + variable);
    }

    List<String> topics() {
        return List.of(setting("STACK_TOPICS").trim().split("\\s+"));
    }

    /** The options that the script passes to the pipeline's main(), by name. */
    Map<String, String> submissionOptions() {
        Matcher m = SUBMISSION.matcher(text);
        if (!m.find()) {
            throw new AssertionError(LOCATION + " has no args=(...) list for the job submission");
        }
        return PipelineOptionsText.options(m.group(1));
    }
}
