package dev.cnnc.frontend;

import dev.cnnc.diagnostics.Diagnostic;
import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.diagnostics.SourceFile;
import dev.cnnc.diagnostics.SourceSpan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Stage 0: turns a path into a {@link SourceFile}, or into the one diagnostic that says why it
 * cannot: missing, a directory, unreadable, too large, or not UTF-8 text.
 */
public final class SourceReader {

    /** A model file is a page of text; anything this large is a wrong path, not a network. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /** Either the file's text or the reason it has none. */
    public sealed interface Result {
        record Read(SourceFile source) implements Result {}

        record Failed(String name, Diagnostic diagnostic) implements Result {}
    }

    private SourceReader() {}

    public static Result read(Path path) {
        String name = path.toString();
        try {
            if (Files.isDirectory(path)) {
                return failed(name, ErrorCode.E001, name, "it is a directory, not a .cnn file");
            }
            if (!Files.exists(path)) {
                return failed(name, ErrorCode.E001, name, "no such file");
            }
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                return failed(name, ErrorCode.E004, megabytes(size), megabytes(MAX_FILE_BYTES));
            }
            return decode(name, Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return failed(name, ErrorCode.E001, name, "no such file");
        } catch (AccessDeniedException e) {
            return failed(name, ErrorCode.E001, name, "permission denied");
        } catch (IOException e) {
            return failed(name, ErrorCode.E001, name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Decodes bytes that claim to be a model file; used for files and for text given in tests. */
    public static Result decode(String name, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return failed(name, ErrorCode.E002, "this is a binary file, not a .cnn model (a zero byte at offset " + i + ")");
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Result.Read(new SourceFile(name, text));
        } catch (CharacterCodingException e) {
            return failed(name, ErrorCode.E002, "this is not UTF-8 text; a .cnn model is a text file");
        }
    }

    private static Result failed(String name, ErrorCode code, Object... arguments) {
        return new Result.Failed(name, Diagnostic.of(code, SourceSpan.FILE, arguments));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
