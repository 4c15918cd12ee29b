# The launcher's JVM options, for the scripts that run a main class of their own on the checkout's build
# (scripts/kernels-ab, scripts/subnormal-census; sourced, not run).

# launcher_options ROOT: sets launcher_cp to the class path of ROOT's launcher (./somnus, which builds the checkout
# first where it must) and launcher_opts to its other JVM options, in order; exits with status 1 when it prints none.
launcher_options() {
  local printed i
  mapfile -t printed < <(SOMNUS_PRINT_JVM_OPTIONS=1 "$1/somnus")
  launcher_cp=
  launcher_opts=()
  for ((i = 0; i < ${#printed[@]}; i++)); do
    if [[ "${printed[i]}" == -cp ]]; then
      launcher_cp=${printed[i + 1]}
      i=$((i + 1))
    else
      launcher_opts+=("${printed[i]}")
    fi
  done
  [[ -n $launcher_cp ]] || { echo "$(basename "$0"): $1/somnus printed no class path" >&2; exit 1; }
}
