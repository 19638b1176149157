// ci-config writes the CircleCI and GitHub files from the graph, -Dazbuild.ciConfig.check=true fails on a stale or hand-edited file and passes once regenerated.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
['edited', 'regenerated', 'custom'].each { name ->
  def repo = lib.at(name)
  repo.basedir.mkdirs()
  repo.initExample()
}
// a hand edit of a generated file, committed
def edited = lib.at('edited')
def workflow = new File(edited.basedir, '.github/workflows/azbuild.yml')
workflow.text = workflow.text.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-22.04')
edited.commit('hand edit')
// no committed files: generated from scratch
def regenerated = lib.at('regenerated')
regenerated.git('rm', '-q', '-r', '.circleci', '.github')
regenerated.commit('no CI files')
// job template overrides in the root pom; GitHub's ${{ }} expressions pass Maven's interpolation
def custom = lib.at('custom')
def pom = new File(custom.basedir, 'pom.xml')
pom.text = pom.text.replace('<version>${azbuild.version}</version>', '''<version>${azbuild.version}</version>
        <configuration>
          <ciConfig>
            <mavenCommand>./mvnw</mavenCommand>
            <circleci>
              <executor>docker: [{image: cimg/openjdk:17.0}]</executor>
              <resourceClass>large</resourceClass>
              <environment><AZBUILD_MODE>diff</AZBUILD_MODE></environment>
              <contexts><context>aws</context></contexts>
              <extraSteps>
                <extraStep>{run: {name: Log in, command: ./scripts/login}}</extraStep>
              </extraSteps>
            </circleci>
            <github>
              <runsOn>self-hosted</runsOn>
              <env><AZBUILD_CACHE_REGISTRY>${{ vars.CACHE_REGISTRY }}</AZBUILD_CACHE_REGISTRY></env>
              <extraSteps>
                <extraStep>
                  name: Log in
                  run: ./scripts/login
                </extraStep>
              </extraSteps>
            </github>
          </ciConfig>
        </configuration>''')
custom.commit('ci overrides')
return true
