package dev.azbuild.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.graph.ImageModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleSelectionTest {

  private static final Path ROOT = Path.of("/repo");
  private static final ImageModule BASE = module("g:libs-base", "libs/base");
  private static final ImageModule API = module("g:api", "services/api");
  private static final List<ImageModule> ALL = List.of(BASE, API);

  private static ImageModule module(String id, String dir) {
    return new ImageModule(
        id,
        dir,
        ROOT.resolve(dir),
        id.substring(2),
        dir + "/Dockerfile",
        dir,
        List.of(),
        List.of(),
        Map.of());
  }

  @Test
  void blankSelectsEveryModule() throws Exception {
    assertThat(ModuleSelection.select(ALL, ROOT, null)).isEqualTo(ALL);
    assertThat(ModuleSelection.select(ALL, ROOT, " ")).isEqualTo(ALL);
  }

  @Test
  void dirsAndIdsSelectInGraphOrder() throws Exception {
    assertThat(ModuleSelection.select(ALL, ROOT, "services/api/")).containsExactly(API);
    assertThat(ModuleSelection.select(ALL, ROOT, ":api, g:libs-base")).containsExactly(BASE, API);
    assertThat(ModuleSelection.select(ALL, ROOT, "libs/base,libs/base")).containsExactly(BASE);
  }

  @Test
  void anUnknownModuleIsOneLineListingTheKnownOnes() {
    assertThatThrownBy(() -> ModuleSelection.select(ALL, ROOT, "services/web"))
        .isInstanceOf(DeployException.class)
        .hasMessage(
            "azbuild.deploy.modules: 'services/web' is not an image module of this reactor;"
                + " use a module dir (libs/base, services/api) or [groupId]:artifactId");
  }
}
