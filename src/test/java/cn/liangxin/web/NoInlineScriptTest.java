package cn.liangxin.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Content-Security-Policy allows scripts only from the service's own files: a page template
 * with an inline script, an event-handler attribute or a javascript: link would silently stop
 * working in the browser. Every template is read here, so a new one is checked too.
 */
class NoInlineScriptTest {

    private static final Pattern INLINE = Pattern.compile(
            "<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=\\s*\"|javascript:", Pattern.CASE_INSENSITIVE);

    @Test
    void noTemplateRunsInlineScript() throws IOException {
        List<String> found;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            found = files.filter(Files::isRegularFile).flatMap(f -> {
                try {
                    String text = Files.readString(f);
                    var m = INLINE.matcher(text);
                    List<String> hits = new java.util.ArrayList<>();
                    while (m.find()) {
                        hits.add(f + ": " + m.group());
                    }
                    return hits.stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(List.of(), found);
    }
}
