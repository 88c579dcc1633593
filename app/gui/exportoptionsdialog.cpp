#include "exportoptionsdialog.h"

#include "format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace dci {

namespace {
// Paper at 300 dpi, landscape: ISO 216 A4 is 297 x 210 mm, US Letter 11 x 8.5 in.
constexpr int kPrintDpi = 300;
constexpr QSize kA4At300Dpi(3508, 2480);
constexpr QSize kLetterAt300Dpi(3300, 2550);
constexpr QSize kSlide(1920, 1080);
constexpr QSize kSlide4k(3840, 2160);
constexpr double kCmPerInch = 2.54;
} // namespace

ExportOptionsDialog::ExportOptionsDialog(const PictureOptions &start, bool raster, QWidget *parent)
    : QDialog(parent)
    , m_start(start)
    , m_raster(raster)
{
    setWindowTitle(tr("Export Picture"));
    const int screenDpi = static_cast<int>(std::lround(start.dpi));
    m_presets = {
        {tr("As on screen (%1 × %2)").arg(start.size_px.width()).arg(start.size_px.height()), start.size_px, screenDpi},
        {tr("Slide, Full HD (1920 × 1080)"), kSlide, static_cast<int>(PictureOptions::kScreenDpi)},
        {tr("Slide, 4K (3840 × 2160)"), kSlide4k, 2 * static_cast<int>(PictureOptions::kScreenDpi)},
        {tr("A4 landscape, 300 dpi"), kA4At300Dpi, kPrintDpi},
        {tr("Letter landscape, 300 dpi"), kLetterAt300Dpi, kPrintDpi},
    };

    m_preset = new QComboBox(this);
    for (const Preset &preset : m_presets)
        m_preset->addItem(preset.name);
    m_preset->addItem(tr("Custom"));
    const auto side = [this](int value) {
        auto *box = new QSpinBox(this);
        box->setRange(PictureOptions::kMinSidePx, PictureOptions::kMaxSidePx);
        box->setSuffix(tr(" px"));
        box->setValue(value);
        box->setAccelerated(true);
        return box;
    };
    m_width = side(start.size_px.width());
    m_height = side(start.size_px.height());
    m_dpi = new QSpinBox(this);
    m_dpi->setRange(static_cast<int>(PictureOptions::kMinDpi), static_cast<int>(PictureOptions::kMaxDpi));
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setValue(screenDpi);
    m_dpi->setEnabled(raster);
    m_dpi->setToolTip(raster ? tr("Pixels per inch: text and lines keep their printed size")
                             : tr("SVG and PDF are drawings: they have no resolution"));
    m_title = new QCheckBox(tr("Title and headline figures above the map"), this);
    m_title->setChecked(!start.title.isEmpty());
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout;
    form->addRow(tr("&Size:"), m_preset);
    form->addRow(tr("&Width:"), m_width);
    form->addRow(tr("&Height:"), m_height);
    form->addRow(tr("&Resolution:"), m_dpi);
    form->addRow(QString(), m_title);
    form->addRow(QString(), m_summary);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_export = buttons->button(QDialogButtonBox::Ok);
    m_export->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(m_preset, &QComboBox::activated, this, &ExportOptionsDialog::choosePreset);
    for (QSpinBox *box : {m_width, m_height, m_dpi})
        connect(box, &QSpinBox::valueChanged, this, [this] {
            // A size typed by hand is a custom size.
            const int index = m_preset->currentIndex();
            if (index < m_presets.size()) {
                const Preset &p = m_presets[index];
                if (p.size_px != QSize(m_width->value(), m_height->value()) || (m_raster && p.dpi != m_dpi->value()))
                    m_preset->setCurrentIndex(m_presets.size());
            }
            updateSummary();
        });
    updateSummary();
}

void ExportOptionsDialog::choosePreset(int index)
{
    m_preset->setCurrentIndex(index);
    if (index < 0 || index >= m_presets.size())
        return;
    const Preset &preset = m_presets[index];
    {
        const QSignalBlocker w(m_width), h(m_height), d(m_dpi);
        m_width->setValue(preset.size_px.width());
        m_height->setValue(preset.size_px.height());
        if (m_raster)
            m_dpi->setValue(preset.dpi);
    }
    updateSummary();
}

PictureOptions ExportOptionsDialog::options() const
{
    PictureOptions options = m_start;
    options.size_px = QSize(m_width->value(), m_height->value());
    options.dpi = m_raster ? m_dpi->value() : PictureOptions::kScreenDpi;
    if (!m_title->isChecked()) {
        options.title.clear();
        options.figures.clear();
    }
    return options;
}

void ExportOptionsDialog::updateSummary()
{
    const PictureOptions o = options();
    const QString problem = checkPictureOptions(o);
    m_export->setEnabled(problem.isEmpty());
    if (!problem.isEmpty()) {
        m_summary->setText(problem);
        return;
    }
    const double widthIn = o.size_px.width() / o.dpi;
    const double heightIn = o.size_px.height() / o.dpi;
    m_summary->setText(m_raster ? tr("Prints %1 × %2 cm at %3 dpi.")
                                      .arg(widthIn * kCmPerInch, 0, 'f', 1)
                                      .arg(heightIn * kCmPerInch, 0, 'f', 1)
                                      .arg(o.dpi)
                                : tr("A drawing of %1 × %2 CSS pixels; it scales without loss.")
                                      .arg(o.size_px.width())
                                      .arg(o.size_px.height()));
}

} // namespace dci
