#include "cli/cli.h"
#include "cli/commands.h"

#include "engine/dimensionjob.h"
#include "engine/evaluate.h"
#include "engine/explain.h"
#include "engine/resilience.h"
#include "engine/sensitivity.h"
#include "io/importer.h"
#include "io/report.h"
#include "io/reporthtml.h"
#include "io/resultsjson.h"
#include "io/scenariojson.h"
#include "model/catalog.h"
#include "edit/edits.h"
#include "model/textformat.h"

#include <algorithm>
#include <filesystem>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#if defined(__unix__)
#include <spawn.h>
#include <sys/wait.h>
extern char **environ;
#endif

namespace dci::cli {

namespace {

constexpr const char *kUsage = R"(Usage: dciplanner-cli [--catalog FILE] COMMAND [ARGS]

Plan multi-datacenter AI training: check and evaluate DCI Planner scenario files.

Commands:
  validate FILE...          Check scenario files; prints "FILE: OK" or one message
                            per problem ("FILE: /json/pointer: what was expected").
  evaluate FILE [options]   Evaluate a scenario and print a readable report.
      --json                Print the results as JSON instead (docs/CLI.md).
      --strategy NAME       Use this training strategy instead of the file's
                            (hierarchical, flat-ring, diloco, streaming-diloco, pipeline).
      --routing POLICY      Use this routing policy instead of the file's
                            (shortest, ecmp, balanced).
      --fail ID             Evaluate as if this span or site were down (repeatable).
  dimension FILE [options]  Choose the fewest wavelengths per span (and fiber pairs
                            where "auto") that keep every span at or below the target
                            utilisation; print the plan and its bill of materials.
      -o, --output OUT.json Write the scenario with the chosen numbers to OUT.json.
      --json                Print the evaluation of the dimensioned plan as JSON.
      --n1                  Size every span for its worst load over every single span
                            failure (rerouted), so any one cut keeps every span at or
                            below the target.
      --efficiency E        Then add wavelengths (and fiber pairs where "auto") on the
                            span that holds the job's slowest sync until the job reaches
                            scaling efficiency E (0 < E <= 1); when the window limit,
                            loss or latency binds, say so and what would help (exit 1).
  resilience FILE [options] Fail every span in turn (N-1), reroute, and report the worst
                            utilisation, demands cut off and the job's efficiency,
                            worst first.
      --sites               Fail every site too.
      --json                Print the analysis as JSON.
  sweep FILE --param P (--from A --to B (--steps N | --factor F) | --values A,B,C)
        [--json | --csv]    Step one parameter of the plan and evaluate each point:
                            efficiency, step time, DCI demand (Tb/s), capex and ZR
                            modules per optic. P is spans/ID/length_km, spans/ID/optic,
                            spans/ID/wavelengths, sites/ID/gpus, job/KEY (a numeric job
                            field) or assumptions/KEY. --steps N: N points from A to B
                            (both included); --factor F: A, A*F, A*F^2, ... up to B;
                            --values: a list (optic names for spans/ID/optic). A value
                            that makes the plan invalid is reported on its point.
      --set P=V             Set another parameter first (repeatable), e.g.
                            --set spans/a-b/optic=800ZR.
      --strategy NAME, --routing POLICY
                            Override the file's strategy or routing, as for evaluate.
      --json, --csv         Print the points as JSON or CSV instead of a table.
  diff A.json B.json [--json]
                            Compare two plans: headline figures (GPUs, power, DCI
                            demand, step time, efficiency, capex, opex, modules) with
                            differences, then the changed settings, sites, spans (and
                            their utilisation) and demands (required and achieved rate).
      --json                Print the comparison as JSON.
  sensitivity FILE [--json] For every catalog figure with a plausible range (the
                            unverified and placeholder ones) that the plan does not set
                            itself: efficiency, capex and opex at the low and the high
                            end of the range, largest swing first; which assumption to
                            verify first (docs/MODEL.md "Sensitivity").
      --json                Print the table as JSON.
  explain FILE REF [FIGURE] [--json]
                            Show how a figure comes about: its formula (docs/MODEL.md),
                            its inputs with their origin (scenario, catalog with source
                            and confidence, or assumption) and the inputs' own traces.
                            REF is site:ID, span:ID, demand:N (N its index in evaluate
                            --json), job or cost; a bare ID names the one site or span
                            with it. FIGURE is a field of evaluate --json (utilization,
                            efficiency, capex_usd, ...); without it, the headline ones.
      --json                Print the traces as JSON.
  report FILE -o OUT        Write the plan as a document to hand out: OUT.html (one
                            self-contained file: network drawing, headline figures,
                            charts, span and demand tables, bill of materials,
                            diagnostics, assumptions with sources) or OUT.pdf (drawn by
                            the dciplanner program installed beside this one).
  import FILE [options]     Convert a Topology Zoo GraphML, SNDlib native, GNPy topology
                            or GNPy equipment file into a scenario (equipment: a catalog)
                            and report what was kept, guessed and dropped (docs/IMPORT.md).
      -o, --output OUT.json Write it there (else the JSON goes to standard output and
                            the report to standard error).
      --format NAME         auto (default), topologyzoo, sndlib, gnpy-topology,
                            gnpy-equipment.
      --route-factor F      Fiber length / great-circle distance where the file has no
                            lengths (default: the catalog's route_factor, 1.25 built in).
      --sndlib-unit UNIT    The demand unit of an SNDlib file (BITPERSEC ... TBITPERSEC),
                            over its META unit (default: META's, else MBITPERSEC).
  format FILE...            Rewrite valid scenario files in the canonical form the app
                            saves (key order, indent, numbers); invalid files are left
                            as they are and their problems reported.
  bench FILE... [--runs N] [--json] [--no-n1]
                            Time evaluate(), the check every GUI edit passes
                            (checkScenario) and the N-1 analysis on each file: best and
                            median of N runs (default 20; N-1: N/10), in milliseconds;
                            then best, median and max of each stage of evaluate.
      --json                Print {"files": [{"file", "sites", "spans", "demands",
                            "evaluate_ms", "check_ms", "n1_ms", "stages_ms"}]}, each
                            time as {"best", "median", "max"}.
      --no-n1               Leave N-1 out (n1_ms null), for plans too large for it.
  generate --sites S --spans E --gpu-sites G [--seed K] [--routing POLICY] -o OUT.json
                            Write a synthetic plan for benchmarks: S sites over the
                            continental US (2 to 20,000), E spans (a spanning tree over
                            nearest neighbours, then the next shortest neighbour spans;
                            S-1 to S(S-1)/2), G of the sites DCs of 8,192 GPUs, spans of
                            2 x 32 OpenZR+ 400G where it reaches, a 70B hierarchical job,
                            ECMP routing (or POLICY). The same K (default 1) gives the
                            same plan.

  lesson [N] [--lessons DIR]
                            The guided lessons (docs/LESSONS.md). Without N: list them.
                            With N: print lesson N's steps with the live numbers from
                            the engine, and check each task on its starting plan (must
                            fail) and its intended answer (must pass): a rehearsal.
                            --lessons DIR: the lesson files there (default: the
                            installed ones, or $DCI_LESSONS_DIR).
  lesson --check FILE...    Check lesson files a teacher wrote: their format, that every
                            step has a plan that evaluates, every placeholder, highlight
                            and check names a figure, and every task fails at its start
                            and passes with its intended answer. Problems are printed as
                            FILE:LINE: message (exit 2).

Options:
  --catalog FILE            Use this catalog instead of the built-in one.
  -h, --help                Show this help and exit.
  --version                 Show the version and exit.

Exit status: 0 fine; 1 the scenario evaluates with errors; 2 bad usage or an
unreadable or invalid file (the message is on standard error).
)";

std::string joined(const char *const *items, std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += (i ? ", " : "") + std::string(items[i]);
    return out;
}

template<std::size_t N>
void requireChoice(const std::string &flag, const std::string &value, const char *const (&options)[N])
{
    for (const char *o : options)
        if (value == o)
            return;
    throw UsageError(flag + ": unknown value \"" + value + "\"; expected one of: " + joined(options, N));
}

constexpr const char *kCommands =
    "validate, evaluate, explain, dimension, resilience, sweep, diff, sensitivity, report, import, format, bench, "
    "generate, lesson";

int validate(const std::vector<std::string> &files, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    if (files.empty())
        throw UsageError("validate: expected at least one FILE");
    bool allOk = true;
    for (const std::string &file : files) {
        if (isOption(file))
            throw UsageError("validate: unknown option " + file);
        ScenarioLoad load = readScenarioFile(file, catalog);
        if (load.ok()) {
            out << file << ": OK\n";
        } else {
            allOk = false;
            for (const std::string &e : load.errors)
                err << e << "\n";
        }
    }
    return allOk ? kExitOk : kExitUsage;
}

// Converts a file from another tool into a scenario (or, for a GNPy equipment file, a
// catalog) and reports what was kept, guessed and dropped (docs/IMPORT.md).
int importCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    std::string file, output;
    ImportFormat format = ImportFormat::Auto;
    ImportOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size())
                throw UsageError("import: " + a + " needs a value");
            return args[++i];
        };
        if (a == "-o" || a == "--output") {
            output = value();
        } else if (a == "--format") {
            const std::string name = value();
            const auto f = importFormatFromName(name);
            if (!f)
                throw UsageError("--format: unknown format \"" + name
                                 + "\"; expected one of: auto, topologyzoo, sndlib, gnpy-topology, gnpy-equipment");
            format = *f;
        } else if (a == "--route-factor") {
            const std::string v = value();
            char *end = nullptr;
            const double f = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0' || !(f >= ImportOptions::kMinRouteFactor && f <= ImportOptions::kMaxOfferedRouteFactor))
                throw UsageError("--route-factor: expected a number from 1 to 5 (fiber length / great-circle "
                                 "distance), got \"" + v + "\"");
            options.route_factor = f;
        } else if (a == "--sndlib-unit") {
            const std::string unit = value();
            if (!canonicalSndlibUnit(unit))
                throw UsageError("--sndlib-unit: expected one of " + sndlibUnitList() + ", got \"" + unit + "\"");
            options.sndlib_unit = unit;
        } else if (isOption(a)) {
            throw UsageError("import: unknown option " + a);
        } else if (file.empty()) {
            file = a;
        } else {
            throw UsageError("import: expected one FILE, got \"" + file + "\" and \"" + a + "\"");
        }
    }
    if (file.empty())
        throw UsageError("import: expected a FILE to import");
    const ImportResult result = importFile(file, format, catalog, options);
    if (!result.ok()) {
        for (const std::string &e : result.errors)
            err << e << "\n";
        if (result.errors.empty())
            err << file << ": nothing to import\n";
        return kExitUsage;
    }
    const std::string text =
        result.scenario ? writeScenario(*result.scenario) : catalogWithOptics(catalog, result.optics);
    // The report goes where it does not mix with JSON on standard output.
    std::ostream &report = output.empty() ? err : out;
    for (const auto &[title, lines] : {std::pair{"kept", &result.report.kept}, std::pair{"guessed", &result.report.guessed},
                                       std::pair{"dropped", &result.report.dropped}})
        for (const std::string &line : *lines)
            report << file << ": " << title << ": " << line << "\n";
    if (output.empty()) {
        out << text;
        return kExitOk;
    }
    std::string error;
    bool written = false;
    if (result.scenario) {
        written = writeScenarioFile(output, *result.scenario, &error);
    } else {
        std::ofstream o(output, std::ios::binary | std::ios::trunc);
        written = static_cast<bool>(o << text);
        if (!written)
            error = output + ": cannot write the catalog";
    }
    if (!written) {
        err << error << "\n";
        return kExitUsage;
    }
    out << output << ": " << (result.scenario ? "scenario" : "catalog") << " written\n";
    return kExitOk;
}

// Rewrites valid scenario files in the canonical form the app saves (atomically); an
// invalid file is left alone and its problems reported.
int formatCommand(const std::vector<std::string> &files, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    if (files.empty())
        throw UsageError("format: expected at least one FILE");
    for (const std::string &file : files)
        if (isOption(file))
            throw UsageError("format: unknown option " + file);
    bool allOk = true;
    for (const std::string &file : files) {
        ScenarioLoad load = readScenarioFile(file, catalog);
        if (!load.ok()) {
            allOk = false;
            for (const std::string &e : load.errors)
                err << e << "\n";
            continue;
        }
        std::ifstream in(file, std::ios::binary);
        const std::string before((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (before == writeScenario(*load.scenario)) {
            out << file << ": already canonical\n";
            continue;
        }
        std::string error;
        if (!writeScenarioFile(file, *load.scenario, &error)) {
            allOk = false;
            err << error << "\n";
            continue;
        }
        out << file << ": rewritten\n";
    }
    return allOk ? kExitOk : kExitUsage;
}

int evaluateCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    std::string file;
    bool json = false;
    std::string strategy, routing;
    std::vector<std::string> failed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size() || isOption(args[i + 1]))
                throw UsageError("evaluate: " + a + " needs a value");
            return args[++i];
        };
        if (a == "--json")
            json = true;
        else if (a == "--strategy")
            strategy = value();
        else if (a == "--routing")
            routing = value();
        else if (a == "--fail")
            failed.push_back(value());
        else if (isOption(a))
            throw UsageError("evaluate: unknown option " + a);
        else if (file.empty())
            file = a;
        else
            throw UsageError("evaluate: expected one FILE, got \"" + file + "\" and \"" + a + "\"");
    }
    if (file.empty())
        throw UsageError("evaluate: expected a scenario FILE");

    std::optional<Scenario> loaded = loadScenario(file, catalog, err);
    if (!loaded)
        return kExitUsage;
    Scenario scenario = std::move(*loaded);
    for (const std::string &id : failed) {
        // A span or a site (an id may name one of each: both go down).
        const edits::Edited span = edits::setSpanDown(scenario, id, true);
        const edits::Edited site = edits::setSiteDown(span.ok() ? span.scenario : scenario, id, true);
        if (!span.ok() && !site.ok())
            throw UsageError("--fail: " + file + " has no span or site \"" + id + "\" (spans are: "
                             + idList(scenario.spanIds()) + "; sites are: " + idList(scenario.siteIds()) + ")");
        scenario = site.ok() ? site.scenario : span.scenario;
    }
    overrideStrategyAndRouting(scenario, file, strategy, routing);

    const Results results = evaluate(scenario, catalog);
    out << (json ? resultsToJson(scenario, results) : reportText(scenario, results));
    return results.hasErrors() ? kExitScenarioErrors : kExitOk;
}

// Traces one figure of the evaluated plan (docs/CLI.md "explain").
int explainCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    std::vector<std::string> positional;
    bool json = false;
    for (const std::string &a : args) {
        if (a == "--json")
            json = true;
        else if (isOption(a))
            throw UsageError("explain: unknown option " + a);
        else
            positional.push_back(a);
    }
    if (positional.size() < 2 || positional.size() > 3)
        throw UsageError("explain: expected FILE REF [FIGURE], where REF is site:ID, span:ID, demand:N, job or cost");
    const std::string &file = positional[0];
    std::optional<Scenario> loaded = loadScenario(file, catalog, err);
    if (!loaded)
        return kExitUsage;
    const Results results = evaluate(*loaded, catalog);
    const Explanation e =
        explainFigure(*loaded, catalog, results, positional[1], positional.size() > 2 ? positional[2] : "");
    if (!e.ok())
        throw UsageError("explain: " + file + ": " + (e.errors.empty() ? "nothing to explain" : e.errors.front()));
    out << (json ? explanationJson(e) : explanationText(e));
    return kExitOk;
}

// What the N-1 and efficiency goals changed, after the plan's report (docs/CLI.md "dimension").
std::string dimensionGoalsText(const DimensionForJob &d, const DimensionGoals &goals, double target)
{
    std::string out;
    if (goals.n1) {
        out += formatText("\nN-1: every span sized for its worst load over the intact plan and every single span "
                          "failure, at or below %.0f%%.\n",
                          target * 100.0);
        for (const SpanSizing &s : d.spans) {
            if (!s.dimensioned)
                continue;
            out += formatText("  %s: worst %.0f Gbps (%s); %d x %d -> %d x %d (pairs x wavelengths)\n", s.id.c_str(),
                              s.n1_load_gbps.value_or(0.0),
                              s.n1_sized_by.empty() ? "intact plan" : ("span \"" + s.n1_sized_by + "\" down").c_str(),
                              s.utilization_fiber_pairs, s.utilization_wavelengths, s.n1_fiber_pairs, s.n1_wavelengths);
        }
    }
    if (goals.efficiency) {
        out += formatText("\nEfficiency target %.5g%%: ", *goals.efficiency * 100.0);
        const std::optional<double> &now = d.results.job.efficiency;
        out += d.efficiency_reached ? "reached" : "not reached";
        if (now)
            out += formatText(", %.5g%%", *now * 100.0);
        if (d.start_efficiency)
            out += formatText(" (%.5g%% before)", *d.start_efficiency * 100.0);
        out += formatText(" after %d capacity step%s.\n", d.steps, d.steps == 1 ? "" : "s");
        for (const SpanSizing &s : d.spans)
            if (s.grown_steps > 0)
                out += formatText("  %s grew: %d x %d -> %d x %d (pairs x wavelengths)\n", s.id.c_str(),
                                  s.n1_fiber_pairs, s.n1_wavelengths, s.fiber_pairs, s.wavelengths);
    }
    return out;
}

int dimensionCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out,
                     std::ostream &err)
{
    std::string file, output;
    bool json = false;
    DimensionGoals goals;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--json") {
            json = true;
        } else if (a == "--n1") {
            goals.n1 = true;
        } else if (a == "--efficiency") {
            if (i + 1 >= args.size())
                throw UsageError("dimension: --efficiency needs a value");
            const std::string v = args[++i];
            char *end = nullptr;
            const double e = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0' || !(e > 0.0 && e <= 1.0))
                throw UsageError("--efficiency: expected a number greater than 0 and at most 1 (the job's scaling "
                                 "efficiency, e.g. 0.95), got \"" + v + "\"");
            goals.efficiency = e;
        } else if (a == "-o" || a == "--output") {
            if (i + 1 >= args.size() || isOption(args[i + 1]))
                throw UsageError("dimension: " + a + " needs a file name");
            output = args[++i];
        } else if (isOption(a)) {
            throw UsageError("dimension: unknown option " + a);
        } else if (file.empty()) {
            file = a;
        } else {
            throw UsageError("dimension: expected one FILE, got \"" + file + "\" and \"" + a + "\"");
        }
    }
    if (file.empty())
        throw UsageError("dimension: expected a scenario FILE");
    std::optional<Scenario> loaded = loadScenario(file, catalog, err);
    if (!loaded)
        return kExitUsage;
    if (goals.efficiency && !loaded->job)
        throw UsageError("--efficiency: " + file + " describes no job");
    const DimensionForJob dimensioned = dimensionForJob(*loaded, catalog, goals);
    const Scenario &scenario = dimensioned.scenario;
    const Results &results = dimensioned.results;
    if (!output.empty()) {
        std::string error;
        if (!writeScenarioFile(output, scenario, &error)) {
            err << "dciplanner-cli: " << error << "\n";
            return kExitUsage;
        }
    }
    if (json) {
        out << resultsToJson(scenario, results);
    } else {
        const double target = catalog.figure("target_utilization");
        std::string report = dimensionReport(*loaded, scenario, results, target);
        const std::string goalsText = dimensionGoalsText(dimensioned, goals, target);
        if (!goalsText.empty()) // one blank line before the goals, however the report ends
            report.erase(report.find_last_not_of('\n') + 1).append("\n");
        out << report << goalsText;
        if (!output.empty())
            out << "Wrote the dimensioned scenario to " << output << ".\n";
    }
    return results.hasErrors() ? kExitScenarioErrors : kExitOk;
}

int resilienceCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out,
                      std::ostream &err)
{
    std::string file;
    bool json = false, sites = false;
    for (const std::string &a : args) {
        if (a == "--json")
            json = true;
        else if (a == "--sites")
            sites = true;
        else if (isOption(a))
            throw UsageError("resilience: unknown option " + a);
        else if (file.empty())
            file = a;
        else
            throw UsageError("resilience: expected one FILE, got \"" + file + "\" and \"" + a + "\"");
    }
    if (file.empty())
        throw UsageError("resilience: expected a scenario FILE");
    std::optional<Scenario> loaded = loadScenario(file, catalog, err);
    if (!loaded)
        return kExitUsage;
    const ResilienceResult result = analyseFailures(*loaded, catalog, sites);
    out << (json ? resilienceToJson(*loaded, result) : resilienceReport(*loaded, result));
    return kExitOk;
}

// The dciplanner program (the GUI) beside this one, for what needs Qt (a PDF).
std::filesystem::path guiProgram()
{
    const std::filesystem::path dir = programDir();
    if (dir.empty())
        return {};
    std::error_code ec;
    for (const auto &candidate : {dir / "dciplanner", dir / "gui" / "dciplanner"})
        if (std::filesystem::is_regular_file(candidate, ec))
            return candidate;
    return {};
}

// Runs program with args and waits; its exit code, or -1 when it could not be started.
int runProgram(const std::filesystem::path &program, const std::vector<std::string> &args)
{
#if defined(__unix__)
    std::vector<std::string> all{program.string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char *> argv;
    for (std::string &a : all)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
        return -1;
    int status = 0;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
#else
    (void)program;
    (void)args;
    return -1;
#endif
}

// The plan as a document (docs/CLI.md "report").
int reportCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out, std::ostream &err)
{
    std::string file, output;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "-o" || a == "--output") {
            if (i + 1 >= args.size())
                throw UsageError(a + ": expected the report's file name (OUT.html or OUT.pdf)");
            output = args[++i];
        } else if (isOption(a)) {
            throw UsageError("report: unknown option " + a);
        } else if (file.empty()) {
            file = a;
        } else {
            throw UsageError("report: expected one FILE, got \"" + file + "\" and \"" + a + "\"");
        }
    }
    if (file.empty())
        throw UsageError("report: expected a scenario FILE");
    if (output.empty())
        throw UsageError("report: expected -o OUT.html or -o OUT.pdf");
    const std::string suffix = std::filesystem::path(output).extension().string();
    if (suffix != ".html" && suffix != ".htm" && suffix != ".pdf")
        throw UsageError("report: -o " + output + ": expected a name ending in .html or .pdf");
    ScenarioLoad load = readScenarioFile(file, catalog);
    if (!load.ok()) {
        for (const std::string &e : load.errors)
            err << e << "\n";
        return kExitUsage;
    }
    const Results results = evaluate(*load.scenario, catalog);
    if (suffix == ".pdf") {
        // A PDF is laid out by Qt: the GUI program draws it, headless.
        const std::filesystem::path gui = guiProgram();
        if (gui.empty()) {
            err << output << ": a PDF report needs the dciplanner program beside dciplanner-cli; write "
                << std::filesystem::path(output).replace_extension(".html").string() << " instead\n";
            return kExitUsage;
        }
        const int code = runProgram(gui, {file, "--report", output});
        if (code != 0) {
            err << output << ": " << gui.string() << " could not write the PDF (exit " << code << ")\n";
            return kExitUsage;
        }
    } else {
        const double target = applyOverrides(catalog, load.scenario->assumptions).figure("target_utilization");
        const std::string html = reportHtml(*load.scenario, catalog, results,
                                            reportFigures(*load.scenario, results, target), ReportImages::InlineSvg,
                                            std::string("DCI Planner ") + DCI_VERSION);
        std::ofstream stream(output, std::ios::binary | std::ios::trunc);
        stream << html;
        stream.close();
        if (!stream) {
            err << output << ": cannot write the report\n";
            return kExitUsage;
        }
    }
    out << output << ": report written\n";
    return results.hasErrors() ? kExitScenarioErrors : kExitOk;
}

// Moves every ranged catalog figure to both ends of its range (docs/CLI.md "sensitivity").
int sensitivityCommand(const std::vector<std::string> &args, const Catalog &catalog, std::ostream &out,
                       std::ostream &err)
{
    std::string file;
    bool json = false;
    for (const std::string &a : args) {
        if (a == "--json")
            json = true;
        else if (isOption(a))
            throw UsageError("sensitivity: unknown option " + a);
        else if (file.empty())
            file = a;
        else
            throw UsageError("sensitivity: expected one FILE, got \"" + file + "\" and \"" + a + "\"");
    }
    if (file.empty())
        throw UsageError("sensitivity: expected a scenario FILE");
    const std::optional<Scenario> scenario = loadScenario(file, catalog, err);
    if (!scenario)
        return kExitUsage;
    const SensitivityResult result = analyseSensitivity(*scenario, catalog);
    out << (json ? sensitivityToJson(*scenario, result) : sensitivityReport(*scenario, result));
    return result.baseline.error_codes.empty() ? kExitOk : kExitScenarioErrors;
}

} // namespace

void overrideStrategyAndRouting(Scenario &scenario, const std::string &file, const std::string &strategy,
                                const std::string &routing)
{
    if (!strategy.empty()) {
        requireChoice("--strategy", strategy, kStrategies);
        if (!scenario.job)
            throw UsageError("--strategy: " + file + " describes no job");
        scenario.job->strategy = strategy;
    }
    if (!routing.empty()) {
        requireChoice("--routing", routing, kRoutingPolicies);
        scenario.routing.policy = routing;
    }
}

std::filesystem::path programDir()
{
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : self.parent_path();
}

std::string idList(const std::vector<std::string> &ids)
{
    std::string out;
    for (const std::string &id : ids)
        out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? "none" : out;
}

std::optional<Scenario> loadScenario(const std::string &file, const Catalog &catalog, std::ostream &err)
{
    ScenarioLoad load = readScenarioFile(file, catalog);
    for (const std::string &e : load.errors)
        err << e << "\n";
    return std::move(load.scenario);
}

int run(const std::vector<std::string> &argsIn, std::ostream &out, std::ostream &err)
{
    std::vector<std::string> args = argsIn;
    try {
        std::string catalogPath;
        while (!args.empty() && isOption(args.front())) {
            const std::string a = args.front();
            if (a == "-h" || a == "--help") {
                out << kUsage;
                return kExitOk;
            }
            if (a == "--version") {
                out << "dciplanner-cli " << DCI_VERSION << "\n";
                return kExitOk;
            }
            if (a == "--catalog") {
                if (args.size() < 2)
                    throw UsageError("--catalog needs a FILE");
                catalogPath = args[1];
                args.erase(args.begin(), args.begin() + 2);
                continue;
            }
            throw UsageError("unknown option " + a);
        }
        if (args.empty())
            throw UsageError(std::string("expected a command (") + kCommands + ")");

        Catalog catalog;
        if (catalogPath.empty()) {
            catalog = Catalog::builtin();
        } else {
            std::ifstream in(catalogPath, std::ios::binary);
            if (!in)
                throw UsageError(catalogPath + ": cannot open the catalog file");
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            try {
                catalog = Catalog::fromJson(text, catalogPath);
            } catch (const std::runtime_error &e) {
                err << e.what() << "\n";
                return kExitUsage;
            }
        }

        const std::string command = args.front();
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        for (const std::string &a : rest)
            if (a == "-h" || a == "--help") {
                out << kUsage;
                return kExitOk;
            }
        if (command == "validate")
            return validate(rest, catalog, out, err);
        if (command == "evaluate")
            return evaluateCommand(rest, catalog, out, err);
        if (command == "explain")
            return explainCommand(rest, catalog, out, err);
        if (command == "dimension")
            return dimensionCommand(rest, catalog, out, err);
        if (command == "resilience")
            return resilienceCommand(rest, catalog, out, err);
        if (command == "sensitivity")
            return sensitivityCommand(rest, catalog, out, err);
        if (command == "import")
            return importCommand(rest, catalog, out, err);
        if (command == "format")
            return formatCommand(rest, catalog, out, err);
        if (command == "bench")
            return benchCommand(rest, catalog, out, err);
        if (command == "generate")
            return generateCommand(rest, catalog, out, err);
        if (command == "report")
            return reportCommand(rest, catalog, out, err);
        if (command == "sweep")
            return sweepCommand(rest, catalog, out, err);
        if (command == "diff")
            return diffCommand(rest, catalog, out, err);
        if (command == "lesson")
            return lessonCommand(rest, catalog, out, err);
        throw UsageError("unknown command \"" + command + "\" (commands: " + kCommands + ")");
    } catch (const UsageError &e) {
        err << "dciplanner-cli: " << e.what() << "\nTry 'dciplanner-cli --help'.\n";
        return kExitUsage;
    }
}

} // namespace dci::cli
