package dev.azbuild.mojo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <ciConfig>} element of the plugin configuration: job template overrides for the
 * generated CI files. Maven fills the public fields from the XML; {@link CiConfigMojo} validates
 * them into {@code dev.azbuild.ci} values.
 *
 * <pre>{@code
 * <ciConfig>
 *   <mavenCommand>./mvnw</mavenCommand>
 *   <groupAbove>100</groupAbove>
 *   <circleci>
 *     <executor>docker: [{image: cimg/openjdk:17.0}]</executor>
 *     <resourceClass>large</resourceClass>
 *     <environment><AZBUILD_MODE>diff</AZBUILD_MODE></environment>
 *     <contexts><context>aws</context></contexts>
 *     <extraSteps><extraStep>{run: {name: Log in, command: ./scripts/login}}</extraStep></extraSteps>
 *   </circleci>
 *   <github>
 *     <runsOn>ubuntu-latest</runsOn>
 *     <javaVersion>17</javaVersion>
 *     <env><AZBUILD_CACHE_REGISTRY>${{ vars.CACHE_REGISTRY }}</AZBUILD_CACHE_REGISTRY></env>
 *     <extraSteps><extraStep>{name: Log in, run: ./scripts/login}</extraStep></extraSteps>
 *   </github>
 * </ciConfig>
 * }</pre>
 */
public class CiConfiguration {

  /**
   * How jobs call Maven; default {@code ./mvnw} when the reactor root has a wrapper, else {@code
   * mvn}.
   */
  public String mavenCommand;

  /** With more image modules than this, modules share jobs (by graph layer); default 100. */
  public Integer groupAbove;

  public CircleCi circleci = new CircleCi();

  public Github github = new Github();

  /** CircleCI job template. */
  public static class CircleCi {
    /** The executor as a YAML mapping; default {@code machine: {image: ubuntu-2204:current}}. */
    public String executor;

    public String resourceClass;
    public Map<String, String> environment = new LinkedHashMap<>();
    public List<String> contexts = new ArrayList<>();

    /** Steps as YAML, one per element, run after checkout and the cache restore, before azbuild. */
    public List<String> extraSteps = new ArrayList<>();
  }

  /** GitHub Actions job template. */
  public static class Github {
    public String runsOn;
    public String javaVersion;
    public Map<String, String> env = new LinkedHashMap<>();

    /** Steps as YAML, one per element, run after checkout and Java setup, before azbuild. */
    public List<String> extraSteps = new ArrayList<>();
  }
}
