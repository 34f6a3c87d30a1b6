package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** The checks every emitted class gets: ASM's verifier and the method size limit. */
final class ClassChecks {

    private ClassChecks() {}

    static void verify(BytecodeBackend.CompiledClasses compiled) {
        ClassLoader loader = new BytecodeBackend.BytesClassLoader(compiled.classes(), ClassChecks.class.getClassLoader());
        for (Map.Entry<String, byte[]> entry : compiled.classes().entrySet()) {
            StringWriter problems = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(entry.getValue()), loader, false, new PrintWriter(problems));
            assertEquals("", problems.toString(), entry.getKey() + " fails CheckClassAdapter");
            for (Map.Entry<String, Integer> size : MethodSizes.of(entry.getValue()).entrySet()) {
                assertTrue(size.getValue() <= MethodSizes.LIMIT,
                        entry.getKey() + "." + size.getKey() + " has " + size.getValue() + " bytes");
            }
        }
    }
}
