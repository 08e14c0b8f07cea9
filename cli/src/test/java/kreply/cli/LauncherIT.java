// contract: ./kreply runs the jar with the checkout as home, builds it only when it is missing or older than its sources, poms or rule packs, and reports build failures clearly.
package kreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherIT {
    private static final String BUILD_NOTE = "building kreply… (log: .kreply-build/build.log)";

    @TempDir
    Path tmp;
    Path home;
    Path bin;
    Path mvnLog;

    @Test
    void versionThroughTheRealLauncher() throws Exception {
        Proc p = Proc.run(Proc.repo(), Map.of(), 600, Proc.repo().resolve("kreply").toString(), "--version");
        assertThat(p.exit).as(p.toString()).isZero();
        assertThat(p.out.strip()).isEqualTo("kreply " + Version.current());
    }

    @Test
    void inputErrorThroughTheRealLauncherIsOneLineWithExitTwo() throws Exception {
        Proc p = Proc.run(tmp, Map.of(), 600, Proc.repo().resolve("kreply").toString(), "analyze", "no/such/dir");
        assertThat(p.exit).as(p.toString()).isEqualTo(2);
        // a stale jar in a developer's checkout may be rebuilt first: that note is not part of the error
        assertThat(withoutBuildNote(p.err)).isEqualTo("kreply: no such file or directory: no/such/dir\n");
        assertThat(p.out).isEmpty();
    }

    private static String withoutBuildNote(String err) {
        return err.startsWith(BUILD_NOTE + "\n") ? err.substring(BUILD_NOTE.length() + 1) : err;
    }

    // --- build-on-demand, against a copy of the launcher with a stand-in for Maven

    @BeforeEach
    void fakeCheckout() throws Exception {
        home = tmp.resolve("checkout");
        bin = Files.createDirectories(tmp.resolve("bin"));
        mvnLog = tmp.resolve("mvn.log");
        Files.createDirectories(home.resolve("cli/src/main/java/kreply/cli"));
        Files.createDirectories(home.resolve("rules/packs"));
        Files.createDirectories(home.resolve("kernel-src/src/main/java/sel4"));
        Files.copy(Proc.repo().resolve("kreply"), home.resolve("kreply"));
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Files.writeString(home.resolve("cli/src/main/java/kreply/cli/Main.java"), "class Main {}");
        Files.writeString(home.resolve("rules/packs/sel4.yaml"), "rules: []");
        Files.writeString(home.resolve("kernel-src/src/main/java/sel4/K.java"), "class K {}");
        // The stand-in "builds" by copying the real jar into place and logs how it was called.
        fakeMaven("echo \"$PWD $*\" >> '" + mvnLog + "'\nmkdir -p cli/target\ncp '"
                + System.getProperty("kreply.jar") + "' cli/target/kreply.jar\n");
    }

    private void fakeMaven(String body) throws Exception {
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Proc launch() throws Exception {
        return Proc.run(tmp, Map.of("PATH", bin + ":" + System.getenv("PATH")), 120,
                home.resolve("kreply").toString(), "--version");
    }

    private List<String> builds() throws Exception {
        return Files.exists(mvnLog) ? Files.readAllLines(mvnLog) : List.of();
    }

    @Test
    void buildsOnFirstUseOnlyAndQuietly() throws Exception {
        Proc first = launch();
        assertThat(first.exit).as(first.toString()).isZero();
        assertThat(first.err).isEqualTo(BUILD_NOTE + "\n");
        assertThat(first.out.strip()).isEqualTo("kreply " + Version.current());
        assertThat(builds()).containsExactly(home + " -q -B -DskipTests package -pl cli -am");

        Proc second = launch();
        assertThat(second.exit).isZero();
        assertThat(second.err).isEmpty();
        assertThat(builds()).hasSize(1);
    }

    @Test
    void rebuildsWhenASourcePomOrRulePackIsNewerThanTheJar() throws Exception {
        launch();
        long step = 0;
        for (String changed : List.of("cli/src/main/java/kreply/cli/Main.java", "pom.xml", "rules/packs/sel4.yaml")) {
            step += 10;
            // future mtimes instead of sleeping: each edit is newer than the jar, each rebuild newer than the edit
            Proc.touch(home.resolve(changed), step);
            Proc p = launch();
            assertThat(p.err).as("after touching " + changed).isEqualTo(BUILD_NOTE + "\n");
            Proc.touch(home.resolve("cli/target/kreply.jar"), step + 5);
            assertThat(launch().err).as("right after rebuilding for " + changed).isEmpty();
        }
        assertThat(builds()).hasSize(4);
    }

    @Test
    void editingTheAnalysedKernelDoesNotRebuild() throws Exception {
        launch();
        Proc.touch(home.resolve("kernel-src/src/main/java/sel4/K.java"), 30);
        Proc p = launch();
        assertThat(p.err).isEmpty();
        assertThat(builds()).hasSize(1);
    }

    @Test
    void failedBuildExitsTwoAndShowsTheLog() throws Exception {
        fakeMaven("echo '[ERROR] COMPILATION ERROR: Main.java:[1,1] class, interface, enum, or record expected'\nexit 1\n");
        Proc p = launch();
        assertThat(p.exit).isEqualTo(2);
        assertThat(p.err).startsWith(BUILD_NOTE + "\nkreply: build failed; the end of .kreply-build/build.log follows\n")
                .contains("COMPILATION ERROR");
        assertThat(p.out).isEmpty();
        assertThat(home.resolve("cli/target/kreply.jar")).doesNotExist();
    }

    @Test
    void launcherPassesItsCheckoutAsHome() throws Exception {
        launch();
        Files.delete(home.resolve("rules/packs/sel4.yaml"));
        Proc p = Proc.run(tmp, Map.of("PATH", bin + ":" + System.getenv("PATH")), 120,
                home.resolve("kreply").toString(), "analyze");
        assertThat(p.exit).as(p.toString()).isEqualTo(2);
        assertThat(p.err).isEqualTo("kreply: no rule packs found in " + home.toRealPath().resolve("rules/packs")
                + " (pass --pack FILE)\n");
    }
}
