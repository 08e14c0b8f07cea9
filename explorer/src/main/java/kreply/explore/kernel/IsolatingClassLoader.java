package kreply.explore.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child-first class loader for one compiled kernel: the kernel's classes ({@code sel4.*}) come
 * only from its class folder, and the explorer's engine classes ({@code kreply.explore.*}, except
 * this loading machinery) are defined again from the explorer's own class files, so that they link
 * against that kernel instead of the bundled one. Everything else — the JDK, Jackson — comes from
 * the parent, which is why only {@code java.*} values (JSON strings) may cross between the host
 * and the engine running in here.
 */
final class IsolatingClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Path kernelClasses;

    IsolatingClassLoader(Path kernelClasses, ClassLoader parent) {
        super("kreply-kernel", parent);
        this.kernelClasses = kernelClasses;
    }

    static boolean isKernelClass(String name) {
        return name.startsWith("sel4.");
    }

    static boolean isEngineClass(String name) {
        return name.startsWith("kreply.explore.") && !name.startsWith("kreply.explore.kernel.");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (isKernelClass(name)) {
                    c = define(name, readKernelClass(name));
                } else if (isEngineClass(name)) {
                    c = define(name, readEngineClass(name));
                } else {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> define(String name, byte[] bytes) {
        return defineClass(name, bytes, 0, bytes.length);
    }

    private byte[] readKernelClass(String name) throws ClassNotFoundException {
        Path file = kernelClasses.resolve(name.replace('.', '/') + ".class");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " is not part of the compiled kernel", e);
        }
    }

    private byte[] readEngineClass(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
