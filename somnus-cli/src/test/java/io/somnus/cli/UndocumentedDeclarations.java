package io.somnus.cli;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The public and protected declarations of Java sources that have no Javadoc comment: what javac's
 * {@code -Xdoclint:missing/protected} reports as "no comment" (a type, constructor, method, field or enum constant
 * that it and every enclosing type make visible; a method marked {@code @Override} inherits its comment), plus a
 * package without a package comment and a record component without an {@code @param} in its record's comment (its
 * accessor's only documentation, which doclint leaves unchecked). Reads the sources with javac's parser alone, without
 * compiling them (≈ 1 s for a module), so each finding names its file and line.
 */
final class UndocumentedDeclarations {
    private UndocumentedDeclarations() {
    }

    /** The findings in these source files, each as {@code file:line: kind name}; empty when all are documented. */
    static List<String> in(List<Path> files) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            return in(fm.getJavaFileObjectsFromPaths(files));
        }
    }

    /** The findings in these sources (files or, in tests, sources in memory). */
    static List<String> in(Iterable<? extends JavaFileObject> sources) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler()
                .getTask(null, null, diagnostics, List.of("-proc:none"), null, sources);
        Iterable<? extends CompilationUnitTree> units = task.parse();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {  // a source that does not parse hides its declarations
                throw new IllegalStateException("cannot parse " + d.getSource().getName() + ":" + d.getLineNumber()
                        + ": " + d.getMessage(Locale.ROOT));
            }
        }
        DocTrees docs = DocTrees.instance(task);
        List<String> found = new ArrayList<>();
        for (CompilationUnitTree unit : units) {
            new Walk(unit, docs, found).walk();
        }
        return found;
    }

    /** One compilation unit's walk over its visible declarations (never into method bodies). */
    private record Walk(CompilationUnitTree unit, DocTrees docs, List<String> found) {
        void walk() {
            TreePath root = new TreePath(unit);
            if (unit.getSourceFile().isNameCompatible("package-info", JavaFileObject.Kind.SOURCE)) {
                if (unit.getPackage() != null && comment(new TreePath(root, unit.getPackage())) == null) {
                    report(unit.getPackage(), "package " + unit.getPackageName());
                }
                return;
            }
            for (Tree t : unit.getTypeDecls()) {
                if (t instanceof ClassTree c && visible(c.getModifiers(), false)) {
                    type(new TreePath(root, c));
                }
            }
        }

        private void type(TreePath path) {
            ClassTree type = (ClassTree) path.getLeaf();
            DocCommentTree typeComment = comment(path);
            if (typeComment == null) {
                report(type, kind(type) + " " + type.getSimpleName());
            }
            boolean inInterface = type.getKind() == Tree.Kind.INTERFACE || type.getKind() == Tree.Kind.ANNOTATION_TYPE;
            Set<String> params = paramNames(typeComment);
            for (Tree member : type.getMembers()) {
                TreePath memberPath = new TreePath(path, member);
                if (member instanceof ClassTree nested) {
                    if (visible(nested.getModifiers(), inInterface)) {
                        type(memberPath);
                    }
                } else if (member instanceof MethodTree m) {
                    if (visible(m.getModifiers(), inInterface) && !overrides(m.getModifiers())
                            && comment(memberPath) == null) {
                        boolean constructor = m.getName().contentEquals("<init>");
                        report(m, constructor ? "constructor " + type.getSimpleName() : "method " + m.getName());
                    }
                } else if (member instanceof VariableTree v) {
                    boolean component = type.getKind() == Tree.Kind.RECORD
                            && !v.getModifiers().getFlags().contains(Modifier.STATIC);
                    if (component) {
                        if (typeComment != null && !params.contains(v.getName().toString())) {
                            report(v, "record component " + type.getSimpleName() + "." + v.getName()
                                    + " (no @param)");
                        }
                    } else if (visible(v.getModifiers(), inInterface) && comment(memberPath) == null) {
                        report(v, (type.getKind() == Tree.Kind.ENUM && v.getModifiers().getFlags()
                                .contains(Modifier.PUBLIC) && isConstant(v, type) ? "enum constant " : "field ")
                                + v.getName());
                    }
                }
            }
        }

        private static boolean isConstant(VariableTree v, ClassTree e) {
            return v.getType() != null && v.getType().toString().equals(e.getSimpleName().toString());
        }

        /** Public or protected, or a member of an interface that is not private (implicitly public). */
        private static boolean visible(ModifiersTree m, boolean inInterface) {
            Set<Modifier> f = m.getFlags();
            return f.contains(Modifier.PUBLIC) || f.contains(Modifier.PROTECTED)
                    || (inInterface && !f.contains(Modifier.PRIVATE));
        }

        private static boolean overrides(ModifiersTree m) {
            for (AnnotationTree a : m.getAnnotations()) {
                String name = a.getAnnotationType().toString();
                if (name.equals("Override") || name.equals("java.lang.Override")) {
                    return true;
                }
            }
            return false;
        }

        private static String kind(ClassTree t) {
            return switch (t.getKind()) {
                case INTERFACE -> "interface";
                case ENUM -> "enum";
                case RECORD -> "record";
                case ANNOTATION_TYPE -> "annotation";
                default -> "class";
            };
        }

        private static Set<String> paramNames(DocCommentTree comment) {
            Set<String> names = new HashSet<>();
            if (comment != null) {
                for (DocTree tag : comment.getBlockTags()) {
                    if (tag instanceof ParamTree p && !p.isTypeParameter()) {
                        names.add(p.getName().getName().toString());
                    }
                }
            }
            return names;
        }

        private DocCommentTree comment(TreePath path) {
            return docs.getDocCommentTree(path);
        }

        private void report(Tree tree, String what) {
            long position = docs.getSourcePositions().getStartPosition(unit, tree);
            String file = Path.of(unit.getSourceFile().toUri().getPath()).getFileName().toString();
            String dir = unit.getPackageName() == null ? "" : unit.getPackageName().toString().replace('.', '/') + "/";
            found.add(dir + file + ":" + unit.getLineMap().getLineNumber(position) + ": " + what);
        }
    }
}
