package kreply.refactor.verify;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * Loads the refactored code and its tests from their own folders before asking the parent, so a
 * copy of the same classes elsewhere on kreply's class path can never stand in for the result.
 * The test frameworks are the exception: JUnit, jqwik, AssertJ and their support classes come
 * from the parent, because the launcher that runs the tests must see the same annotation classes.
 */
final class ChildFirstLoader extends URLClassLoader {
    private static final List<String> SHARED = List.of("java.", "javax.", "jdk.", "sun.", "org.junit.",
            "org.opentest4j.", "org.apiguardian.", "net.jqwik.", "org.assertj.", "net.bytebuddy.");

    ChildFirstLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (SHARED.stream().anyMatch(name::startsWith)) {
                    return super.loadClass(name, resolve);
                }
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL u = findResource(name);
        return u != null ? u : super.getResource(name);
    }
}
