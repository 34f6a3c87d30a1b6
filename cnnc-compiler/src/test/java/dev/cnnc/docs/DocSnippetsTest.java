package dev.cnnc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.diagnostics.Diagnostic;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code cnn} code block of the README and of {@code docs/}: a plain block checks with no
 * diagnostic at all, a block marked {@code error=CODE} or {@code warning=CODE} gets that code.
 */
class DocSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("(?m)^```cnn(?<marks>[^\\n]*)\\n(?<body>.*?)^```$", Pattern.DOTALL);
    private static final Pattern MARK = Pattern.compile("(error|warning)=([EW]\\d{3})");

    record Snippet(Path file, int line, String expected, String text) {}

    static List<Snippet> snippets() throws IOException {
        Path root = Golden.repository();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher block = BLOCK.matcher(text);
            while (block.find()) {
                int line = (int) text.substring(0, block.start()).chars().filter(c -> c == '\n').count() + 1;
                Matcher mark = MARK.matcher(block.group("marks"));
                snippets.add(new Snippet(root.relativize(file), line, mark.find() ? mark.group(2) : null, block.group("body")));
            }
        }
        return snippets;
    }

    @Test
    void theLanguageReferenceShowsNetworksAndErrors() throws IOException {
        List<Snippet> reference = snippets().stream().filter(s -> s.file().endsWith("language.md")).toList();
        assertTrue(reference.stream().filter(s -> s.expected() == null).count() >= 5, "valid examples in docs/language.md");
        assertTrue(reference.stream().filter(s -> s.expected() != null).count() >= 10, "error examples in docs/language.md");
    }

    @TestFactory
    Stream<DynamicTest> everySnippetChecksAsShown() throws IOException {
        return snippets().stream().map(snippet -> DynamicTest.dynamicTest(snippet.file() + ":" + snippet.line(), () -> {
            CheckResult result = FrontEnd.check(snippet.file() + ":" + snippet.line() + ".cnn", snippet.text());
            String got = result.diagnostics().stream().map(d -> d.code() + " " + d.message())
                    .collect(Collectors.joining("; "));
            if (snippet.expected() == null) {
                assertTrue(result.ok(), () -> "should check clean, got " + got);
                assertEquals(List.of(), result.diagnostics(), "should check without warnings");
            } else {
                if (snippet.expected().startsWith("E")) {
                    assertFalse(result.ok(), "should be refused with " + snippet.expected());
                }
                assertTrue(result.diagnostics().stream().map(Diagnostic::code).anyMatch(c -> c.name().equals(snippet.expected())),
                        () -> "should report " + snippet.expected() + ", got " + got);
            }
        }));
    }
}
