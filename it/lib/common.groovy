// Shared helpers for the invoker tests: lay out monorepos as real git repositories.
// Loaded with: def lib = evaluate(new File(itLib, 'common.groovy'))

import groovy.json.JsonSlurper

class ItLib {
  File basedir
  File examplesDir

  /** Runs git in basedir with a fixed identity; fails the test on a non-zero exit. */
  String git(String... args) {
    def cmd = ['git', '-c', 'user.name=azbuild-it', '-c', 'user.email=it@azbuild.dev',
               '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'] + args.toList()
    def proc = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true).start()
    def out = proc.inputStream.text
    if (proc.waitFor() != 0) {
      throw new IllegalStateException("git ${args.join(' ')} failed: ${out}")
    }
    return out.trim()
  }

  /** Copies examples/monorepo into basedir, makes it a git repository and commits it on main. */
  String initExample() {
    copyTree(new File(examplesDir, 'monorepo'), basedir)
    git('init', '-q')
    git('add', '-A')
    git('commit', '-q', '-m', 'example monorepo')
    return git('rev-parse', 'HEAD')
  }

  void write(String path, String content) {
    def f = new File(basedir, path)
    f.parentFile.mkdirs()
    f.text = content
  }

  String commit(String message) {
    git('add', '-A')
    git('commit', '-q', '-m', message)
    return git('rev-parse', 'HEAD')
  }

  def json(String path) {
    return new JsonSlurper().parse(new File(basedir, path))
  }

  String log() {
    return new File(basedir, 'build.log').text
  }

  /** What the seed computed: does any changed path match the module's patterns (grep -E)? */
  boolean seedSaysRebuild(String base, String head, String patternsFile) {
    def script = "git diff --name-only --no-renames ${base} ${head} | grep -qE -f ${patternsFile}"
    def proc = new ProcessBuilder('bash', '-c', script).directory(basedir).start()
    return proc.waitFor() == 0
  }

  private static void copyTree(File from, File to) {
    from.eachFileRecurse { f ->
      def rel = from.toPath().relativize(f.toPath()).toString()
      if (rel.split('/').contains('target')) return
      def dest = new File(to, rel)
      if (f.isDirectory()) {
        dest.mkdirs()
      } else {
        dest.parentFile.mkdirs()
        dest.bytes = f.bytes
        dest.setExecutable(f.canExecute())
      }
    }
  }
}

return { basedir, examplesDir -> new ItLib(basedir: new File(basedir.toString()), examplesDir: new File(examplesDir.toString()).canonicalFile) }
