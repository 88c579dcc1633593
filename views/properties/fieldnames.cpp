#include "fieldnames.h"

#include <QHash>
#include <QObject>

namespace dci {

QString friendlyName(const QString &keyword)
{
    static const QHash<QString, QString> table = {
        {QStringLiteral("hierarchical"), QObject::tr("Hierarchical all-reduce")},
        {QStringLiteral("flat-ring"), QObject::tr("Flat ring all-reduce")},
        {QStringLiteral("diloco"), QObject::tr("DiLoCo")},
        {QStringLiteral("streaming-diloco"), QObject::tr("Streaming DiLoCo")},
        {QStringLiteral("pipeline"), QObject::tr("Pipeline across DCs")},
        {QStringLiteral("direct"), QObject::tr("Direct (every DC pair)")},
        {QStringLiteral("ring"), QObject::tr("Ring (neighbours only)")},
        {QStringLiteral("shortest"), QObject::tr("Shortest path")},
        {QStringLiteral("ecmp"), QObject::tr("ECMP (equal-cost paths)")},
        {QStringLiteral("balanced"), QObject::tr("Balanced (least peak utilisation)")},
        {QStringLiteral("hash"), QObject::tr("Hash (per flow)")},
        {QStringLiteral("spray"), QObject::tr("Spray (per packet)")},
        {QStringLiteral("roce-gbn"), QObject::tr("RoCE go-back-N")},
        {QStringLiteral("selective-repeat"), QObject::tr("Selective repeat")},
    };
    return table.value(keyword, keyword);
}

QString jobNumberName(const QString &key)
{
    static const QHash<QString, QString> table = {
        {QStringLiteral("model_params"), QObject::tr("model parameters")},
        {QStringLiteral("tokens_per_step"), QObject::tr("tokens per step")},
        {QStringLiteral("total_tokens"), QObject::tr("total tokens")},
        {QStringLiteral("mfu"), QObject::tr("MFU")},
        {QStringLiteral("overlap"), QObject::tr("overlap")},
        {QStringLiteral("grad_bytes"), QObject::tr("gradient bytes")},
        {QStringLiteral("sync_bytes"), QObject::tr("sync bytes")},
        {QStringLiteral("inner_steps"), QObject::tr("inner steps")},
        {QStringLiteral("fragments"), QObject::tr("fragments")},
        {QStringLiteral("overlap_steps"), QObject::tr("overlap steps")},
        {QStringLiteral("hidden_size"), QObject::tr("hidden size")},
        {QStringLiteral("act_bytes"), QObject::tr("activation bytes")},
        {QStringLiteral("microbatches"), QObject::tr("micro-batches")},
        {QStringLiteral("connections_per_pair"), QObject::tr("connections per DC pair")},
        {QStringLiteral("flows_per_pair"), QObject::tr("flows per DC pair")},
    };
    return table.value(key, key);
}

QString keywordFieldName(const QString &key)
{
    static const QHash<QString, QString> table = {
        {QStringLiteral("strategy"), QObject::tr("strategy")},
        {QStringLiteral("dc_pattern"), QObject::tr("DC pattern")},
        {QStringLiteral("transport"), QObject::tr("transport")},
        {QStringLiteral("policy"), QObject::tr("routing policy")},
        {QStringLiteral("load_balancing"), QObject::tr("load balancing")},
    };
    return table.value(key, key);
}

QString capitalised(const QString &name)
{
    return name.left(1).toUpper() + name.mid(1);
}

} // namespace dci
