#include "presentation.h"

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "canvas/projection.h"
#include "charts/chartspanel.h"
#include "document.h"
#include "format.h"
#include "lessoncontroller.h"
#include "lessons/lessonpanel.h"
#include "mainwindow.h"
#include "results/resiliencepanel.h"

#include <QCloseEvent>
#include <QFrame>
#include <QScrollArea>
#include <QScrollBar>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace dci {

namespace {

constexpr int kTitlePx = 34;
constexpr int kFiguresPx = 24;
constexpr int kFooterPx = 14;
// The lesson overlay, readable from the back of a room: never under 20 pt.
constexpr double kLessonTextPt = 22.0;
constexpr double kLessonTitlePt = 28.0;
constexpr double kLessonWidthShare = 0.5; // of the canvas
constexpr int kLessonMinWidthPx = 420;
constexpr int kLessonMarginPx = 16;

// The tour when the plan saves none: the plan, then each chart, then N-1.
std::vector<PresentationView> defaultTour()
{
    return {
        {QObject::tr("The plan").toStdString(), "plan", std::nullopt, {}},
        {QObject::tr("Span utilisation").toStdString(), "utilisation", std::nullopt, {}},
        {QObject::tr("Step time").toStdString(), "step", std::nullopt, {}},
        {QObject::tr("Cost").toStdString(), "cost", std::nullopt, {}},
        {QObject::tr("Demand between the DCs").toStdString(), "demand-matrix", std::nullopt, {}},
        {QObject::tr("What a single failure does (N-1)").toStdString(), "n-1", std::nullopt, {}},
    };
}

int chartTab(const std::string &show)
{
    if (show == "utilisation")
        return ChartsPanel::UtilisationTab;
    if (show == "step")
        return ChartsPanel::StepTab;
    if (show == "cost")
        return ChartsPanel::CostTab;
    if (show == "demand-matrix")
        return ChartsPanel::MatrixTab;
    return -1;
}

} // namespace

PresentationWindow::PresentationWindow(MainWindow *main, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_main(main)
{
    setWindowTitle(tr("%1 — Presentation").arg(main->document()->displayName()));
    setObjectName(QStringLiteral("presentation"));
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    setPalette(pal);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("presentationTitle"));
    m_title->setFont(pixelFont(kTitlePx, true));
    m_figures = new QLabel(this);
    m_figures->setFont(pixelFont(kFiguresPx));
    m_figures->setWordWrap(true);
    m_footer = new QLabel(this);
    m_footer->setFont(pixelFont(kFooterPx));
    m_footer->setForegroundRole(QPalette::PlaceholderText);

    m_canvas = new CanvasView(main->canvasScene(), this);
    m_canvas->setMapLayer(main->canvasView()->mapLayer());
    m_canvas->setFocusPolicy(Qt::NoFocus);
    m_charts = new ChartsPanel(this);
    m_charts->tabs()->tabBar()->hide();
    m_charts->setOnScreen(true);

    auto *body = new QHBoxLayout;
    body->addWidget(m_canvas, 3);
    body->addWidget(m_charts, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 12);
    layout->addWidget(m_title);
    layout->addWidget(m_figures);
    layout->addLayout(body, 1);
    layout->addWidget(m_footer);
    setFocusPolicy(Qt::StrongFocus);

    // The lesson's step: a semi-transparent panel over the canvas, its text scrolling when
    // a long step does not fit the screen.
    m_lessonOverlay = new QFrame(m_canvas);
    m_lessonOverlay->setObjectName(QStringLiteral("lessonOverlay"));
    m_lessonOverlay->setStyleSheet(QStringLiteral(
        "#lessonOverlay { background: rgba(255, 255, 255, 228); border: 1px solid rgba(0, 0, 0, 90); "
        "border-radius: 10px; } QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }"));
    m_lessonScroll = new QScrollArea(m_lessonOverlay);
    m_lessonScroll->setFrameShape(QFrame::NoFrame);
    m_lessonScroll->setWidgetResizable(true);
    m_lessonScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_lessonScroll->setFocusPolicy(Qt::NoFocus);
    m_lessonText = new QLabel;
    m_lessonText->setObjectName(QStringLiteral("lessonOverlayText"));
    m_lessonText->setWordWrap(true);
    m_lessonText->setTextFormat(Qt::RichText);
    m_lessonText->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_lessonText->setContentsMargins(18, 14, 18, 14);
    QFont lessonFont = m_lessonText->font();
    lessonFont.setPointSizeF(kLessonTextPt);
    m_lessonText->setFont(lessonFont);
    m_lessonScroll->setWidget(m_lessonText);
    auto *overlayLayout = new QVBoxLayout(m_lessonOverlay);
    overlayLayout->setContentsMargins(0, 0, 0, 0);
    overlayLayout->addWidget(m_lessonScroll);
    m_lessonOverlay->hide();
    m_canvas->installEventFilter(this);
    connect(main->lessons(), &LessonController::changed, this, &PresentationWindow::refreshLesson);

    const Scenario &plan = main->document()->scenario();
    m_views = plan.presentation.views.empty() ? defaultTour() : plan.presentation.views;
    refresh();
    showView(0);
    refreshLesson();
}

bool PresentationWindow::lessonActive() const
{
    return m_main->lessons() && m_main->lessons()->active();
}

QString PresentationWindow::titleText() const
{
    // A lesson's plan keeps the name of the sample it came from, which its steps may have
    // changed (the two-campus sample at 1,000 km): the lesson names what is shown.
    if (lessonActive()) {
        const Lesson &lesson = *m_main->lessons()->panel()->lesson();
        return tr("Lesson %1: %2").arg(lesson.number).arg(QString::fromStdString(lesson.title));
    }
    const std::string &name = m_main->document()->scenario().name;
    return name.empty() ? tr("Untitled plan") : QString::fromStdString(name);
}

void PresentationWindow::refreshLesson()
{
    const bool active = lessonActive();
    m_title->setText(titleText());
    m_lessonOverlay->setVisible(active);
    if (!active) {
        if (m_lessonFitKey >= 0) {
            m_lessonFitKey = -1;
            showView(m_current); // the footer, chart and region of the tour again
        }
        return;
    }
    const LessonPanel *panel = m_main->lessons()->panel();
    const Lesson &lesson = *panel->lesson();
    const LessonStep &step = lesson.steps[static_cast<std::size_t>(panel->step())];
    // The canvas has the width: the step's text needs the room more than a chart does.
    m_charts->setVisible(false);
    QString html = QStringLiteral("<div style='font-size:%1pt; font-weight:600'>%2</div>")
                       .arg(kLessonTitlePt)
                       .arg(panel->stepTitle().toHtmlEscaped());
    for (const QString &p : panel->paragraphs())
        html += QStringLiteral("<p>%1</p>").arg(LessonPanel::richText(p));
    if (step.hasTask()) {
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Task:"), LessonPanel::richText(panel->taskText()));
        html += LessonPanel::checklistHtml(panel->check());
    }
    if (step.hasQuestion()) {
        // Filled in as the dock shows them: a choice may name a figure.
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Question:"), LessonPanel::richText(panel->questionText()));
        const QStringList choices = panel->choiceTexts();
        for (int c = 0; c < choices.size(); ++c)
            html += QStringLiteral("<div>%1. %2</div>").arg(c + 1).arg(LessonPanel::richText(choices[c]));
    }
    if (const QString feedback = panel->feedbackText(); !feedback.isEmpty())
        html += QStringLiteral("<p style='color:#a02020'>%1</p>").arg(feedback.toHtmlEscaped());
    const bool done = panel->stepDone();
    if (const QString solved = panel->solvedText(); !solved.isEmpty() && (step.hasTask() || step.hasQuestion()))
        html += QStringLiteral("<p style='color:#1f5f1f'>%1</p>").arg(LessonPanel::richText(solved));
    if (!done) {
        const QStringList hints = panel->shownHints();
        for (int h = 0; h < hints.size(); ++h)
            html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Hint %1:").arg(h + 1), LessonPanel::richText(hints[h]));
        if (const QString answer = panel->answerText(); !answer.isEmpty())
            html += QStringLiteral("<p><b>%1</b><br>%2</p>")
                        .arg(tr("The answer:"), answer.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    m_lessonText->setText(html);
    QString keys = tr("→ next step%1   ·   ← back").arg(done ? QString() : tr(" (once the step is done)"));
    if (step.hasQuestion() && !done)
        keys += tr("   ·   1–%1 answer").arg(step.choices.size());
    if ((step.hasTask() || step.hasQuestion()) && !done)
        keys += tr("   ·   H hint");
    m_footer->setText(tr("Lesson %1: %2   ·   step %3 of %4   ·   %5   ·   Esc leaves")
                          .arg(lesson.number)
                          .arg(QString::fromStdString(lesson.title))
                          .arg(panel->step() + 1)
                          .arg(lesson.steps.size())
                          .arg(keys));
    placeLessonOverlay();
    // A new step (maybe a new plan): fitted again; an edit keeps the presenter's view.
    const int fitKey = lesson.number * 1000 + panel->step();
    if (fitKey != m_lessonFitKey) {
        m_lessonFitKey = fitKey;
        fitBesideOverlay();
    }
}

void PresentationWindow::fitBesideOverlay()
{
    // isHidden, not isVisible: the overlay is placed before the window is first shown too.
    if (m_lessonOverlay->isHidden())
        return;
    m_canvas->fitToScene();
    const double width = m_canvas->viewport()->width();
    const double free = width - m_lessonOverlay->width() - 2 * kLessonMarginPx;
    if (width <= 0 || free <= width / 4)
        return;
    // Zoomed out so what fitted the whole width fits the free part, and moved into it.
    const double zoom = m_canvas->zoom() * free / width;
    const QPointF center = m_canvas->visibleSceneRect().center();
    m_canvas->showAt(zoom, center + QPointF((width - free) / 2.0 / zoom, 0.0));
}

void PresentationWindow::placeLessonOverlay()
{
    if (m_lessonOverlay->isHidden())
        return;
    const QRect area = m_canvas->rect().adjusted(kLessonMarginPx, kLessonMarginPx, -kLessonMarginPx, -kLessonMarginPx);
    const int width = std::min(area.width(), std::max(kLessonMinWidthPx, int(area.width() * kLessonWidthShare)));
    const int textHeight = m_lessonText->heightForWidth(width - m_lessonScroll->verticalScrollBar()->sizeHint().width());
    const int height = std::min(area.height(), textHeight + 4);
    m_lessonOverlay->setGeometry(area.right() - width + 1, area.top(), width, height);
    m_lessonOverlay->raise();
}

bool PresentationWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_canvas && event->type() == QEvent::Resize && !m_lessonOverlay->isHidden()) {
        placeLessonOverlay();
        // Once the canvas has its new size (the viewport follows it after this event).
        QMetaObject::invokeMethod(this, &PresentationWindow::fitBesideOverlay, Qt::QueuedConnection);
    }
    return QWidget::eventFilter(watched, event);
}

// The scene is given back on close (closeEvent), while the main window is sure to exist.
PresentationWindow::~PresentationWindow() = default;

void PresentationWindow::giveSceneBack()
{
    // The scene was laid out for this canvas's zoom and maybe coloured by N-1: back to the
    // main window's canvas.
    m_main->canvasScene()->setHeatOverrides({});
    m_main->canvasScene()->setViewScale(m_main->canvasView()->zoom());
}

void PresentationWindow::refresh()
{
    const Document *doc = m_main->document();
    m_title->setText(titleText());
    const Results &r = doc->results();
    QStringList parts{tr("%1 GPUs").arg(formatCount(r.totals.gpus)), formatMw(r.totals.power_mw)};
    double demandGbps = 0.0;
    for (const DemandResult &d : r.demands)
        demandGbps += d.gbps;
    if (demandGbps > 0.0)
        parts << tr("DCI %1 needed").arg(formatRate(demandGbps));
    if (r.job.step_s)
        parts << tr("step %1").arg(formatSeconds(*r.job.step_s));
    if (r.job.efficiency)
        parts << tr("efficiency %1").arg(formatPercent(*r.job.efficiency));
    if (r.cost.capex_usd)
        parts << tr("capex %1").arg(formatUsd(*r.cost.capex_usd));
    m_figures->setText(parts.join(QStringLiteral("  ·  ")));
    m_charts->show(doc->scenario(), r, doc->catalog().figure("target_utilization"));
}

void PresentationWindow::planChanged()
{
    const Scenario &plan = m_main->document()->scenario();
    m_views = plan.presentation.views.empty() ? defaultTour() : plan.presentation.views;
    refresh();
    showView(m_current);
    refreshLesson();
}

void PresentationWindow::showView(int index)
{
    if (m_views.empty())
        return;
    m_current = std::clamp(index, 0, static_cast<int>(m_views.size()) - 1);
    const PresentationView &view = m_views[static_cast<std::size_t>(m_current)];
    const int tab = chartTab(view.show);
    m_charts->setVisible(tab >= 0);
    if (tab >= 0)
        m_charts->tabs()->setCurrentIndex(tab);
    // N-1: the spans coloured by the worst utilisation their failure causes, when the
    // analysis has been run (View > N-1).
    const QHash<QString, double> n1 = view.show == "n-1" ? m_main->resiliencePanel()->spanColours() : QHash<QString, double>();
    m_main->canvasScene()->setHeatOverrides(n1);
    m_canvas->setLegendHeading(n1.isEmpty() ? QString() : tr("N-1: worst utilisation if the span fails"));
    m_canvas->setBannerText(view.show == "n-1" && n1.isEmpty()
                                ? tr("Run View › N-1 with “Colour spans by N-1” to show it here")
                                : QString());
    if (view.region) {
        const QRectF rect = QRectF(projection::toScene(view.region->north, view.region->west),
                                   projection::toScene(view.region->south, view.region->east))
                                .normalized();
        m_canvas->showSceneRect(rect);
    } else {
        m_canvas->fitToScene();
    }
    m_footer->setText(tr("%1   ·   view %2 of %3   ·   ← → views   ·   S saves this view   ·   Esc leaves")
                          .arg(QString::fromStdString(view.title))
                          .arg(m_current + 1)
                          .arg(m_views.size()));
}

PresentationView PresentationWindow::currentAsSaved() const
{
    PresentationView view = m_views.empty() ? PresentationView{} : m_views[static_cast<std::size_t>(m_current)];
    const QRectF visible = m_canvas->visibleSceneRect();
    const projection::LatLon topLeft = projection::toLatLon(visible.topLeft());
    const projection::LatLon bottomRight = projection::toLatLon(visible.bottomRight());
    PresentationView::Region region{std::clamp(bottomRight.lat_deg, -90.0, 90.0), std::clamp(topLeft.lon_deg, -180.0, 180.0),
                                    std::clamp(topLeft.lat_deg, -90.0, 90.0), std::clamp(bottomRight.lon_deg, -180.0, 180.0)};
    if (region.south < region.north && region.west < region.east)
        view.region = region;
    return view;
}

void PresentationWindow::keyPressEvent(QKeyEvent *event)
{
    if (lessonActive()) {
        // The lesson's steps instead of the tour's views; forward only once the step is done.
        LessonController *lessons = m_main->lessons();
        switch (event->key()) {
        case Qt::Key_Right:
        case Qt::Key_PageDown:
        case Qt::Key_Space:
            lessons->next();
            return;
        case Qt::Key_Left:
        case Qt::Key_PageUp:
        case Qt::Key_Backspace:
            lessons->back();
            return;
        case Qt::Key_H: // the next hint, then the answer in words (the dock shows them too)
            lessons->panel()->nextHint();
            return;
        default:
            // 1..6: the question answered with that choice, as the dock's Check does.
            if (event->key() >= Qt::Key_1 && event->key() <= Qt::Key_9) {
                lessons->panel()->chooseAnswer(event->key() - Qt::Key_0);
                return;
            }
            break;
        }
    }
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        showView(m_current + 1);
        return;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
    case Qt::Key_Backspace:
        showView(m_current - 1);
        return;
    case Qt::Key_S:
        emit saveViewRequested(currentAsSaved());
        return;
    case Qt::Key_Escape:
    case Qt::Key_F11:
        close();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void PresentationWindow::closeEvent(QCloseEvent *event)
{
    giveSceneBack();
    emit closed();
    QWidget::closeEvent(event);
}

} // namespace dci
