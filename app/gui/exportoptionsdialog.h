#pragma once

#include "canvas/canvasexport.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace dci {

// File > Export Picture, after choosing the file: the picture's size (the window's, a
// slide, 4K, a printed page), its resolution (PNG) and whether the title band with the
// plan's headline figures is drawn (canvasexport.h).
class ExportOptionsDialog : public QDialog
{
    Q_OBJECT

public:
    // start: the window-sized options (MainWindow::pictureOptions()); raster: PNG, where
    // the resolution applies.
    ExportOptionsDialog(const PictureOptions &start, bool raster, QWidget *parent = nullptr);

    PictureOptions options() const;

    // The size presets offered, in order (the first is the window's size).
    struct Preset {
        QString name;
        QSize size_px;
        int dpi;
    };
    const QList<Preset> &presets() const { return m_presets; }
    void choosePreset(int index);

private:
    void updateSummary();

    PictureOptions m_start;
    bool m_raster;
    QList<Preset> m_presets;
    QComboBox *m_preset = nullptr;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QSpinBox *m_dpi = nullptr;
    QCheckBox *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace dci
