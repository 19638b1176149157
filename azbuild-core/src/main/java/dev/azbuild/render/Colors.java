package dev.azbuild.render;

/** One palette for every format, so a module looks the same in each. */
record Colors(String fill, String stroke, String text) {

  static Colors of(ModuleStatus status) {
    return switch (status) {
      case REBUILD -> new Colors("#fde7c8", "#c96a00", "#222222");
      case UNCHANGED -> new Colors("#dff0dc", "#3b7f3a", "#222222");
      case FAILED -> new Colors("#f8d0d0", "#b3261e", "#222222");
    };
  }
}
