def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def example = new File(examplesDir, 'monorepo')
def files = ['.circleci/config.yml', '.github/workflows/azbuild.yml']
// one section of build.log per invocation, in invoker.properties order
def runs = lib.log().split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 5
def failure = { String run -> run.readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }

// 1. a hand-edited file: one clear failure naming the file, the first differing line and the command
def error = failure(runs[0])
assert error.contains('.github/workflows/azbuild.yml is out of date (line ')
assert error.contains('expected `runs-on: ubuntu-latest`, found `runs-on: ubuntu-22.04`')
assert error.contains('regenerate it with `mvn azbuild:ci-config` and commit it')
assert !error.contains('.circleci/config.yml')
assert runs[0].contains('MojoFailureException')   // BUILD FAILURE, not an error of the plugin
assert runs[0].contains('[ERROR] .github/workflows/azbuild.yml is out of date')

// 2, 3. generated from scratch, then checked: identical to the example's committed files
def regenerated = lib.at('regenerated')
files.each { f ->
  assert runs[1].contains("wrote ${new File(regenerated.basedir, f).absolutePath}")
  assert runs[2].contains("${f} is up to date")
  assert new File(regenerated.basedir, f).text == new File(example, f).text
}
assert runs[2].contains('BUILD SUCCESS')

// 4. unknown target: one line naming the parameter and the known targets; nothing written
assert failure(runs[3]).contains("azbuild.ciConfig.targets: unknown target 'gitlab'; use circleci, github (comma-separated)")
assert !runs[3].contains('wrote ')

// 5. overrides from the pom, parsed back as YAML
def custom = lib.at('custom')
def yaml = { String path ->
  new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
      .loadFromString(new File(custom.basedir, path).text)
}
def c = yaml('.circleci/config.yml')
assert c.executors.azbuild.docker == [[image: 'cimg/openjdk:17.0']]
assert c.executors.azbuild.resource_class == 'large'
assert c.executors.azbuild.environment == [AZBUILD_MODE: 'diff', AZBUILD_DEFAULT_BRANCH: 'release']
assert c.commands.'azbuild-prepare'.steps.contains('setup_remote_docker')
assert c.commands.'azbuild-prepare'.steps.contains([run: [name: 'Log in', command: './scripts/login']])
assert c.jobs.'build-services-api'.steps[1].run.command == './mvnw -B azbuild:build -pl services/api'
// deploy jobs wait for the gate (or the deploy before them), the gate for every build job, whatever their outcome
def gate = c.workflows.azbuild.jobs.find { it instanceof Map && it.containsKey('builds-done') }.'builds-done'
assert gate.requires == ['libs-base', 'services-api', 'services-web', 'services-worker'].collect { [("build-${it}".toString()): 'terminal'] }
assert c.workflows.azbuild.jobs.find { it instanceof Map && it.containsKey('deploy-libs-base') }.'deploy-libs-base'.requires == ['builds-done']
def deployWeb = c.workflows.azbuild.jobs.find { it instanceof Map && it.containsKey('deploy-services-web') }.'deploy-services-web'
assert deployWeb.filters.branches.only == 'release'
assert deployWeb.context == ['aws']
def g = yaml('.github/workflows/azbuild.yml')
assert g.env == [AZBUILD_CACHE_REGISTRY: '${{ vars.CACHE_REGISTRY }}', AZBUILD_DEFAULT_BRANCH: 'release']
assert g.jobs.'deploy-services-web'.'runs-on' == 'self-hosted'
assert g.jobs.'deploy-services-web'.if == "github.ref == 'refs/heads/release'"
assert g.jobs.'deploy-services-web'.needs == ['deploy-services-api']
assert g.jobs.'builds-done'.if == '${{ !cancelled() }}'
assert g.jobs.'builds-done'.needs == ['build-libs-base', 'build-services-api', 'build-services-web', 'build-services-worker']
assert g.jobs.'build-libs-base'.steps.contains([name: 'Log in', run: './scripts/login'])
return true
