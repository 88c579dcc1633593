#include "scenario.h"

namespace dci {

namespace {

template<typename T>
int indexById(const std::vector<T> &items, const std::string &id)
{
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].id == id)
            return static_cast<int>(i);
    return -1;
}

template<typename T>
std::vector<std::string> idsOf(const std::vector<T> &items)
{
    std::vector<std::string> ids;
    ids.reserve(items.size());
    for (const T &item : items)
        ids.push_back(item.id);
    return ids;
}

void setGpuField(GpuType &g, const std::string &field, double v)
{
    if (field == "bf16_dense_tflops") g.bf16_dense_tflops = v;
    else if (field == "tdp_w") g.tdp_w = v;
    else if (field == "it_kw_per_gpu") g.it_kw_per_gpu = v;
    else if (field == "price_usd") g.price_usd = v;
}

void setOpticField(Optic &o, const std::string &field, double v)
{
    if (field == "rate_gbps") o.rate_gbps = v;
    else if (field == "baud_gbd") o.baud_gbd = v;
    else if (field == "spacing_ghz") o.spacing_ghz = v;
    else if (field == "reach_km") o.reach_km = v;
    else if (field == "power_w") o.power_w = v;
    else if (field == "price_usd") o.price_usd = v;
}

void setBandField(Band &b, const std::string &field, double v)
{
    if (field == "width_thz") b.width_thz = v;
}

constexpr const char *kOverriddenSource = "Overridden in this scenario's assumptions block.";

} // namespace

const Site *Scenario::site(const std::string &id) const
{
    const int i = siteIndex(id);
    return i < 0 ? nullptr : &sites[static_cast<std::size_t>(i)];
}

const Span *Scenario::span(const std::string &id) const
{
    const int i = spanIndex(id);
    return i < 0 ? nullptr : &spans[static_cast<std::size_t>(i)];
}

int Scenario::siteIndex(const std::string &id) const { return indexById(sites, id); }

std::unordered_map<std::string, std::size_t> siteIndexMap(const Scenario &scenario)
{
    std::unordered_map<std::string, std::size_t> out;
    out.reserve(scenario.sites.size());
    for (std::size_t i = 0; i < scenario.sites.size(); ++i)
        out.emplace(scenario.sites[i].id, i);
    return out;
}
int Scenario::spanIndex(const std::string &id) const { return indexById(spans, id); }

std::vector<std::string> Scenario::siteIds() const { return idsOf(sites); }

std::vector<std::string> Scenario::spanIds() const { return idsOf(spans); }

bool Scenario::spanOutOfService(const Span &span) const
{
    if (span.down)
        return true;
    const Site *a = site(span.a);
    const Site *b = site(span.b);
    return (a && a->down) || (b && b->down);
}

std::vector<std::string> gpuOverrideFields() { return {"bf16_dense_tflops", "tdp_w", "it_kw_per_gpu", "price_usd"}; }
std::vector<std::string> opticOverrideFields() { return {"rate_gbps", "baud_gbd", "spacing_ghz", "reach_km", "power_w", "price_usd"}; }
std::vector<std::string> bandOverrideFields() { return {"width_thz"}; }

Catalog applyOverrides(const Catalog &base, const Assumptions &a)
{
    if (a.figures.empty() && a.gpus.empty() && a.optics.empty() && a.bands.empty())
        return base;
    Catalog c = base;
    for (const auto &[key, value] : a.figures) {
        for (auto *section : {&c.assumptions, &c.jobDefaults, &c.prices}) {
            auto it = section->find(key);
            if (it != section->end()) {
                it->second.value = value;
                it->second.source = kOverriddenSource;
                it->second.confidence = "scenario";
            }
        }
    }
    for (GpuType &g : c.gpus) {
        auto it = a.gpus.find(g.name);
        if (it != a.gpus.end())
            for (const auto &[field, value] : it->second)
                setGpuField(g, field, value);
    }
    for (Optic &o : c.optics) {
        auto it = a.optics.find(o.name);
        if (it != a.optics.end())
            for (const auto &[field, value] : it->second)
                setOpticField(o, field, value);
    }
    for (Band &b : c.bands) {
        auto it = a.bands.find(b.name);
        if (it != a.bands.end())
            for (const auto &[field, value] : it->second)
                setBandField(b, field, value);
    }
    return c;
}

namespace {

// The job's optional number fields by file key, in the order of docs/SCENARIO-FORMAT.md.
using JobField = std::pair<const char *, std::optional<double> Job::*>;
constexpr JobField kJobOptionalNumbers[] = {
    {"mfu", &Job::mfu},
    {"grad_bytes", &Job::grad_bytes},
    {"overlap", &Job::overlap},
    {"inner_steps", &Job::inner_steps},
    {"sync_bytes", &Job::sync_bytes},
    {"fragments", &Job::fragments},
    {"overlap_steps", &Job::overlap_steps},
    {"hidden_size", &Job::hidden_size},
    {"act_bytes", &Job::act_bytes},
    {"microbatches", &Job::microbatches},
    {"connections_per_pair", &Job::connections_per_pair},
    {"flows_per_pair", &Job::flows_per_pair},
};

const JobField *findJobField(const std::string &key)
{
    for (const JobField &f : kJobOptionalNumbers)
        if (key == f.first)
            return &f;
    return nullptr;
}

} // namespace

std::optional<double> jobNumber(const Job &job, const std::string &key)
{
    const JobField *f = findJobField(key);
    return f ? job.*(f->second) : std::nullopt;
}

std::optional<double> *jobNumberField(Job &job, const std::string &key)
{
    const JobField *f = findJobField(key);
    return f ? &(job.*(f->second)) : nullptr;
}

std::vector<std::string> jobNumberKeys()
{
    std::vector<std::string> keys = {"model_params", "tokens_per_step", "total_tokens"};
    for (const JobField &f : kJobOptionalNumbers)
        keys.emplace_back(f.first);
    return keys;
}

JobParams resolveJob(const Job &job, const Catalog &catalog, const Assumptions &assumptions)
{
    auto pick = [&](const std::optional<double> &v, const char *key) {
        return v ? *v : catalog.figure(key);
    };
    JobParams p;
    p.model_params = job.model_params;
    p.tokens_per_step = job.tokens_per_step;
    p.total_tokens = job.total_tokens;
    p.strategy = job.strategy;
    p.dc_pattern = job.dc_pattern;
    p.ring_order = job.ring_order;
    p.mfu = pick(job.mfu, "mfu");
    p.grad_bytes = pick(job.grad_bytes, "grad_bytes");
    p.overlap = pick(job.overlap, "overlap");
    p.inner_steps = pick(job.inner_steps, "inner_steps");
    p.sync_bytes = pick(job.sync_bytes, "sync_bytes");
    p.fragments = pick(job.fragments, "fragments");
    p.overlap_steps = job.overlap_steps;
    p.hidden_size = pick(job.hidden_size, "hidden_size");
    p.act_bytes = pick(job.act_bytes, "act_bytes");
    p.microbatches = pick(job.microbatches, "microbatches");
    // docs/MODEL.md "Traffic", connections and flows: the job's figure, else the plan's
    // assumption, else derived: ranks exchanging across the DC boundary x NCCL channels x
    // queue pairs per connection (one rank per boundary for a flat ring).
    // The job's value, else the plan's assumption; false when neither gives one.
    auto given = [&](const std::optional<double> &inJob, const char *key, double &value, std::string &from) {
        const auto assumed = assumptions.figures.find(key);
        if (inJob) {
            value = *inJob;
            from = "job";
        } else if (assumed != assumptions.figures.end()) {
            value = assumed->second;
            from = "assumptions";
        } else {
            return false;
        }
        return true;
    };
    if (!given(job.connections_per_pair, "connections_per_pair", p.connections_per_pair, p.connections_from)) {
        const double ranks = p.strategy == "flat-ring" ? 1.0 : catalog.figure("dci_ranks_per_dc");
        p.connections_per_pair = ranks * catalog.figure("nccl_channels") * catalog.figure("qps_per_connection");
        p.connections_from = "derived";
    }
    if (!given(job.flows_per_pair, "flows_per_pair", p.flows_per_pair, p.flows_from)) {
        p.flows_per_pair = p.connections_per_pair;
        p.flows_from = "connections";
    }
    p.transport = job.transport;
    return p;
}

} // namespace dci
