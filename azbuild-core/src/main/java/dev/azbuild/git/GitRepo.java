package dev.azbuild.git;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/** The git repository holding the reactor: commits, ancestry and shallow-clone handling (JGit). */
public final class GitRepo implements AutoCloseable {

  /** How the work tree and commit trees are read (the setting {@code azbuild.git}). */
  public enum Backend {
    /**
     * The {@code git} command when it is on the PATH (fast, git's own stat cache and filters), else
     * JGit.
     */
    AUTO,
    /** JGit only: the reference implementation, and what runs where no git is installed. */
    JGIT;

    /** {@code auto} (or blank) or {@code jgit}; {@code setting} names the value in the error. */
    public static Backend parse(String value, String setting) {
      String v = value == null ? "" : value.strip();
      return switch (v) {
        case "jgit" -> JGIT;
        case "auto", "" -> AUTO;
        default ->
            throw new IllegalArgumentException(
                setting
                    + "="
                    + v
                    + " is not a git backend; use auto (the git command if installed, else JGit) or jgit");
      };
    }
  }

  /**
   * HEAD when the repository was opened: read once, so every step of a plan sees the same commit
   * even if one lands while it runs.
   *
   * @param branch the checked-out branch; empty when HEAD is detached
   */
  private record Head(ObjectId commit, Optional<String> branch) {}

  private final Path searchedFrom;
  private final Path workTree;
  private final Optional<GitCli> cli;
  private final Optional<Head> openedHead;
  private final Map<Path, String> relativized = new ConcurrentHashMap<>();

  /**
   * Opened on first use when the git command found the repository: content mode never needs JGit.
   */
  private Repository repository;

  /** The work tree being read ahead by the git command, until a snapshot takes it. */
  private FutureTask<RepoSnapshot> workTreeAhead;

  private GitRepo(Repository repository, Backend backend) throws IOException {
    this.searchedFrom = null;
    this.repository = repository;
    this.workTree = repository.getWorkTree().toPath().toRealPath();
    this.cli =
        GitCli.forRepository(
            repository.getDirectory().toPath().toAbsolutePath(), workTree, backend);
    Optional<ObjectId> head = findCommit(Constants.HEAD);
    this.openedHead =
        head.isPresent()
            ? Optional.of(new Head(head.get(), branchOf(repository)))
            : Optional.empty();
  }

  private GitRepo(Path searchedFrom, GitCli cli, Head head) {
    this.searchedFrom = searchedFrom;
    this.workTree = cli.workTree();
    this.cli = Optional.of(cli);
    this.openedHead = Optional.of(head);
  }

  /**
   * Opens the repository that contains {@code dir}, searching upwards as git does, with {@link
   * Backend#AUTO}.
   */
  public static GitRepo open(Path dir) throws GitException {
    return open(dir, Backend.AUTO);
  }

  /**
   * Opens the repository that contains {@code dir} with the given way of reading the work tree.
   * With the git command, one {@code git rev-parse} finds the repository and HEAD, and JGit is
   * opened only when something needs it (history, refs, another commit); where the command fails
   * (no commit yet, a bare repository, not a repository) JGit opens it and says what is wrong.
   */
  public static GitRepo open(Path dir, Backend backend) throws GitException {
    if (backend == Backend.AUTO && GitCli.installed()) {
      Optional<GitRepo> found = openWithCli(dir);
      if (found.isPresent()) {
        return found.get();
      }
    }
    try {
      return new GitRepo(openJGit(dir), backend);
    } catch (IOException e) {
      throw new GitException(
          "cannot open the git repository above " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Optional<GitRepo> openWithCli(Path dir) {
    try {
      // one process: git dir, work tree, HEAD's commit (peeled, so it must be present) and its
      // symbolic name
      GitCli git = GitCli.at(dir);
      String[] lines =
          new String(
                  git.run(
                      "rev-parse",
                      "--absolute-git-dir",
                      "--show-toplevel",
                      "HEAD^{commit}",
                      "--symbolic-full-name",
                      "HEAD",
                      "--"),
                  StandardCharsets.UTF_8)
              .split("\n");
      if (lines.length < 4) {
        return Optional.empty();
      }
      String symbolic = lines[3];
      Optional<String> branch;
      if (symbolic.equals(Constants.HEAD)) {
        branch = Optional.empty();
      } else if (symbolic.startsWith(Constants.R_HEADS)) {
        branch = Optional.of(symbolic.substring(Constants.R_HEADS.length()));
      } else {
        return Optional.empty(); // HEAD names something other than a branch: JGit's rules
      }
      Path workTree = Path.of(lines[1]).toRealPath();
      GitCli cli = git.forRepository(Path.of(lines[0]), workTree);
      return Optional.of(new GitRepo(dir, cli, new Head(ObjectId.fromString(lines[2]), branch)));
    } catch (GitException | IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Repository openJGit(Path dir) throws GitException, IOException {
    if (GitCli.installed()) {
      NoSystemConfig.install();
    }
    FileRepositoryBuilder builder =
        new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      throw new GitException(
          dir
              + " is not inside a git repository; run azbuild from a git clone (git init / git clone)");
    }
    Repository repo = builder.setMustExist(true).build();
    if (repo.isBare()) {
      repo.close();
      throw new GitException(
          dir + " is a bare git repository; run azbuild in a clone with a work tree");
    }
    return repo;
  }

  /** The JGit repository, opened on first use. */
  public Repository repository() throws GitException {
    try {
      return jgit();
    } catch (IOException e) {
      throw new GitException(
          "cannot open the git repository " + workTree + " with JGit: " + e.getMessage(), e);
    }
  }

  /**
   * Starts reading the work tree through the git command in the background (a no-op without it), so
   * that the next {@link RepoSnapshot#ofWorkingTree} overlaps with other work, e.g. building the
   * module graph. The read is taken by that one call; later calls read the work tree again.
   */
  public synchronized void readWorkTreeAhead() {
    if (cli.isEmpty() || workTreeAhead != null) {
      return;
    }
    GitCli git = cli.get();
    workTreeAhead =
        CliSnapshots.inBackground("azbuild work tree", () -> CliSnapshots.workTree(git));
  }

  /** The read started by {@link #readWorkTreeAhead}, once. */
  synchronized Optional<FutureTask<RepoSnapshot>> takeWorkTreeAhead() {
    Optional<FutureTask<RepoSnapshot>> ahead = Optional.ofNullable(workTreeAhead);
    workTreeAhead = null;
    return ahead;
  }

  /** Whether JGit has opened the repository (content mode with the git command never does). */
  synchronized boolean jgitOpened() {
    return repository != null;
  }

  private synchronized Repository jgit() throws IOException {
    if (repository == null) {
      try {
        repository = openJGit(searchedFrom);
      } catch (GitException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    return repository;
  }

  public Path workTree() {
    return workTree;
  }

  /** The git command, when the work tree is read through it. */
  Optional<GitCli> cli() {
    return cli;
  }

  /** How snapshots are read: the git command when there is one, else JGit. */
  SnapshotReader reader() {
    return cli.<SnapshotReader>map(CliSnapshots::new).orElseGet(this::jgitReader);
  }

  /** JGit's reader: where there is no git command, and where the command failed. */
  SnapshotReader jgitReader() {
    return new JGitSnapshots(this);
  }

  /**
   * The {@code /}-separated path of {@code dir} relative to the work tree ("" for the root).
   * Remembered per directory: a reactor asks for each module's directory and context, often the
   * same.
   */
  public String relativize(Path dir) throws GitException {
    String known = relativized.get(dir);
    if (known != null) {
      return known;
    }
    String result = relativizeReal(dir);
    relativized.put(dir, result);
    return result;
  }

  /**
   * A file's path relative to the work tree; as {@link #relativize} of its real path, but with the
   * directory's real path remembered, so a file that is not a symlink costs one lstat.
   */
  public String relativizeFile(Path file) throws GitException {
    Path parent = file.toAbsolutePath().normalize().getParent();
    if (parent == null || Files.isSymbolicLink(file)) {
      return relativizeReal(file);
    }
    String dir = relativize(parent);
    String name = file.getFileName().toString();
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private String relativizeReal(Path dir) throws GitException {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      real = dir.toAbsolutePath().normalize();
    }
    if (!real.startsWith(workTree)) {
      throw new GitException(
          dir
              + " is outside the git repository "
              + workTree
              + "; keep every module of the reactor inside one git work tree");
    }
    return workTree.relativize(real).toString().replace(File.separatorChar, '/');
  }

  /** HEAD's commit when the repository was opened; fails when the repository has no commit yet. */
  public ObjectId head() throws GitException {
    if (openedHead.isPresent()) {
      return openedHead.get().commit();
    }
    Optional<ObjectId> head = findCommit(Constants.HEAD);
    if (head.isEmpty() && hasNoCommit()) {
      throw new GitException(
          workTree
              + " has no commit yet (HEAD names the branch "
              + unbornBranch().orElse("main")
              + ", which does not exist until its first commit); commit the files first (git add"
              + " -A && git commit -m 'first commit'): azbuild plans, tags and deploys commits");
    }
    return head.orElseThrow(
        () ->
            new GitException(
                "HEAD is not a commit in "
                    + workTree
                    + "; check out a branch or commit (git checkout main)"));
  }

  /** Whether the repository has no commit at all: no ref resolves to one. */
  private boolean hasNoCommit() {
    try {
      return jgit().getRefDatabase().getRefs().stream().noneMatch(ref -> ref.getObjectId() != null);
    } catch (IOException e) {
      return false;
    }
  }

  /** The branch an unborn HEAD names, e.g. {@code main}. */
  private Optional<String> unbornBranch() {
    try {
      Ref head = jgit().exactRef(Constants.HEAD);
      if (head != null && head.isSymbolic()) {
        return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
      }
    } catch (IOException e) {
      // the message then names no branch
    }
    return Optional.empty();
  }

  /** Resolves a revision to a commit, or says which parameter named what. */
  public ObjectId resolveCommit(String revision, String what) throws GitException {
    return findCommit(revision)
        .orElseThrow(
            () ->
                new GitException(
                    what
                        + "="
                        + revision
                        + " is not a commit in "
                        + workTree
                        + "; give a commit SHA or ref that exists"
                        + (isShallow()
                            ? " (this clone is shallow: fetch more history with git fetch --deepen)"
                            : "")));
  }

  public Optional<ObjectId> findCommit(String revision) {
    try (RevWalk walk = new RevWalk(jgit())) {
      ObjectId id = jgit().resolve(revision + "^{commit}");
      if (id == null) {
        return Optional.empty();
      }
      walk.parseCommit(id); // the object itself must be present (shallow clones)
      return Optional.of(id);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The branch checked out when the repository was opened, or empty when HEAD is detached. */
  public Optional<String> currentBranch() {
    if (openedHead.isPresent()) {
      return openedHead.get().branch();
    }
    try {
      return branchOf(jgit());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> branchOf(Repository repository) throws IOException {
    Ref head = repository.exactRef(Constants.HEAD);
    if (head != null && head.isSymbolic()) {
      return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
    }
    return Optional.empty();
  }

  public boolean isAncestor(ObjectId ancestor, ObjectId of) throws GitException {
    try (RevWalk walk = new RevWalk(jgit())) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(of));
    } catch (IOException e) {
      throw new GitException("cannot walk history from " + of.name() + ": " + e.getMessage(), e);
    }
  }

  /** The merge-base of two commits, if their histories meet in this clone. */
  public Optional<ObjectId> mergeBase(ObjectId a, ObjectId b) {
    try (RevWalk walk = new RevWalk(jgit())) {
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(a));
      walk.markStart(walk.parseCommit(b));
      RevCommit base = walk.next();
      return Optional.ofNullable(base).map(RevCommit::copy);
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The first parent of a commit, if it has one and it is in this clone. */
  public Optional<ObjectId> firstParent(ObjectId commit) {
    try (RevWalk walk = new RevWalk(jgit())) {
      RevCommit c = walk.parseCommit(commit);
      if (c.getParentCount() == 0 || shallowCommits().contains(c)) {
        return Optional.empty();
      }
      return Optional.of(c.getParent(0).copy());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public boolean isShallow() {
    return !shallowCommits().isEmpty();
  }

  private Set<ObjectId> shallowCommits() {
    try {
      return jgit().getObjectDatabase().getShallowCommits();
    } catch (IOException e) {
      return Set.of();
    }
  }

  /**
   * Fetches history from {@code origin} down to {@code depth} commits below each fetched tip (JGit
   * has no {@code --deepen}, so callers grow the depth); with {@code depth} &lt;= 0 fetches all of
   * it. Returns false when there is no origin or the fetch failed.
   */
  public boolean deepen(int depth, Collection<String> branches) {
    Repository repository;
    try {
      repository = jgit();
    } catch (IOException e) {
      return false;
    }
    if (repository.getConfig().getString("remote", "origin", "url") == null) {
      return false;
    }
    try (Git git = new Git(repository)) {
      FetchCommand fetch = git.fetch().setRemote("origin");
      // CI checkouts often fetch one ref only: name the branches whose history we need.
      List<RefSpec> specs =
          branches.stream()
              .map(b -> new RefSpec("+refs/heads/" + b + ":refs/remotes/origin/" + b))
              .toList();
      if (!specs.isEmpty()) {
        fetch.setRefSpecs(specs);
      }
      if (depth > 0) {
        fetch.setDepth(depth);
      } else {
        fetch.setUnshallow(true);
      }
      fetch.call();
      return true;
    } catch (GitAPIException | RuntimeException e) {
      return false;
    }
  }

  /** Whether a ref such as {@code refs/remotes/origin/main} exists. */
  public Optional<ObjectId> ref(String name) {
    try {
      Ref ref = jgit().exactRef(name);
      return ref == null ? Optional.empty() : Optional.ofNullable(ref.getObjectId());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public boolean hasFile(String relativePath) {
    return Files.exists(workTree.resolve(relativePath));
  }

  @Override
  public synchronized void close() {
    if (repository != null) {
      repository.close();
    }
  }
}
