"""Pages for self-review: rounds, answering, review settings and maturity stages.

Thin, like views.py: load through a scope (a row out of reach is a 404), check a rule, call
services, render. The answering page works as one plain form; htmx saves each answer as
it is given and swaps in only a small status, so nothing the person is typing is replaced.
"""

import csv
from types import SimpleNamespace

from django.contrib import messages
from django.db.models import Count, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from networks.models import count_subquery
from networks.shortcuts import network_or_404 as _network_or_404
from networks.shortcuts import posted
from networks.shortcuts import school_or_404 as _school_or_404
from networks.text import csv_safe

from . import services
from .forms import (
    AUDIENCE_ROLES,
    RATING_CHOICES,
    AnswerForm,
    ExtendForm,
    MaturityForm,
    ReviewSettingsForm,
    RoundForm,
    long_date,
)
from .models import Feature, Question, ReviewResponse
from .permissions import (
    managed_round_for_user_or_404,
    question_of_round_or_404,
    response_for_user_or_404,
    results_round_for_user_or_404,
    round_for_user_or_404,
)
from .reads import (
    SCALE,
    SCALE_TICKS,
    audience_by_round,
    maturity_history,
    round_audience,
    unanswered_questions,
)
from .reads import round_results as round_results_of

ROLE_LABELS = dict(AUDIENCE_ROLES)
SAVED_HEADER = "X-Review-Answer"  # review.js trusts a save only when this header comes back


def _audience_summary(round):
    schools = [s.name for s in round.audience_schools.all()]
    roles = [ROLE_LABELS.get(role, role) for role in round.audience_roles]
    return SimpleNamespace(schools=schools, roles=roles, everyone=not schools and not roles)


# Rounds.


@require_http_methods(["GET"])
def round_list(request, slug):
    network = _network_or_404(request, slug)
    can_manage = request.user.has_perm("reviews.manage_rounds", network)
    responses = ReviewResponse.objects.filter(round=OuterRef("pk"))
    rounds = list(
        network.review_rounds.select_related("framework").annotate(
            started=count_subquery(responses, "round"),
            submitted=count_subquery(responses.filter(submitted_at__isnull=False), "round"),
        )
    )
    audiences = audience_by_round(rounds)
    mine = {r.round_id: r for r in ReviewResponse.objects.filter(user=request.user, round__network=network)}
    for r in rounds:
        r.audience_size = len(audiences[r.pk])
        r.asks_me = request.user.pk in audiences[r.pk]
        r.my_response = mine.get(r.pk)
        r.can_see_results = request.user.has_perm("reviews.view_round_results", r)
    context = {"network": network, "rounds": rounds, "can_manage": can_manage}
    return render(request, "reviews/round_list.html", context)


@require_http_methods(["GET", "POST"])
def round_create(request, slug):
    network = _network_or_404(request, slug, perm="reviews.manage_rounds")
    form = RoundForm(posted(request), network=network)
    if form.is_valid():
        round = _refusal_on_form(
            form, None, services.round_create, network=network, created_by=request.user, **form.cleaned_data
        )
        if round is not None:
            messages.success(request, _created_message(round))
            return redirect("reviews:round_detail", pk=round.pk)
    return render(request, "reviews/round_create.html", {"network": network, "form": form})


def _refusal_on_form(form, field, service, **values):
    """What the service returns, or None when it refuses (ReviewError): its reason is then the
    form's error on `field` (None: the whole form's)."""
    try:
        return service(**values)
    except services.ReviewError as error:
        form.add_error(field, str(error))
        return None


def _created_message(round):
    if round.is_open:
        return gettext("The self-review is open until %(date)s. Everyone asked is told.") % {
            "date": long_date(round.closes_on)
        }
    return gettext("The self-review is planned: it opens on %(date)s.") % {"date": long_date(round.opens_on)}


@require_http_methods(["GET", "POST"])
def review_settings(request, slug):
    network = _network_or_404(request, slug, perm="reviews.manage_rounds")
    form = ReviewSettingsForm(posted(request), instance=network)
    if form.is_valid():
        services.review_settings_save(network=network, **form.cleaned_data)
        messages.success(request, gettext("The self-review settings are saved."))
        return redirect("reviews:round_list", slug=network.slug)
    return render(request, "reviews/review_settings.html", {"network": network, "form": form})


@require_http_methods(["GET"])
def round_detail(request, pk):
    round = round_for_user_or_404(request.user, pk)
    user = request.user
    can_manage = user.has_perm("reviews.manage_round", round)
    response = ReviewResponse.objects.filter(round=round, user=user).annotate(answered=Count("answers")).first()
    context = {
        "round": round,
        "network": round.network,
        "audience": _audience_summary(round),
        "can_manage": can_manage,
        "can_see_results": user.has_perm("reviews.view_round_results", round),
        "response": response,
        "asks_me": response is not None or user.has_perm("reviews.answer_round", round),
        "total": Question.objects.filter(feature__framework=round.framework_id).count(),
    }
    if can_manage:
        counts = round.responses.aggregate(
            started=Count("pk"), submitted=Count("pk", filter=Q(submitted_at__isnull=False))
        )
        context["progress"] = SimpleNamespace(
            audience=round_audience(round).count(),
            in_progress=counts["started"] - counts["submitted"],
            **counts,
        )
    return render(request, "reviews/round_detail.html", context)


@require_POST
def round_open(request, pk):
    round = managed_round_for_user_or_404(request.user, pk)
    try:
        round = services.round_open(round=round)
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, gettext("The self-review is open until %(date)s.") % {"date": long_date(round.closes_on)}
        )
    return redirect("reviews:round_detail", pk=round.pk)


@require_http_methods(["GET", "POST"])
def round_extend(request, pk):
    round = managed_round_for_user_or_404(request.user, pk)
    if round.is_closed:
        messages.error(request, gettext("This round has closed; start a new round instead."))
        return redirect("reviews:round_detail", pk=round.pk)
    form = ExtendForm(posted(request), round=round)
    if form.is_valid():
        closes_on = form.cleaned_data["closes_on"]
        extended = _refusal_on_form(form, "closes_on", services.round_extend, round=round, closes_on=closes_on)
        if extended is not None:
            messages.success(
                request,
                gettext("The self-review now closes at the end of %(date)s.") % {"date": long_date(extended.closes_on)},
            )
            return redirect("reviews:round_detail", pk=round.pk)
    return render(request, "reviews/round_extend.html", {"round": round, "form": form})


@require_http_methods(["GET", "POST"])
def round_close(request, pk):
    round = managed_round_for_user_or_404(request.user, pk)
    if round.is_closed:
        messages.info(request, gettext("This round has closed already."))
        return redirect("reviews:round_detail", pk=round.pk)
    if request.method == "POST":
        services.round_close(round=round)
        messages.success(request, gettext("The self-review is closed. Its results are ready."))
        return redirect("reviews:round_detail", pk=round.pk)
    submitted = round.responses.filter(submitted_at__isnull=False).count()
    return render(request, "reviews/round_close.html", {"round": round, "submitted": submitted})


# Answering.


def _response_or_404(request, round):
    """The person's response to the round (started on first visit to an open round), or None for
    someone asked by a round that is not open. Anyone the round does not ask gets a 404."""
    response = response_for_user_or_404(request.user, round)
    if response is None and round.is_open:
        try:
            response = services.response_start(round=round, user=request.user)
        except services.ReviewError:
            raise Http404 from None
        response.round = round  # already loaded, with its network
    return response


def _not_open_message(round):
    if round.is_draft:
        return gettext("This self-review is not open yet: it opens on %(date)s.") % {"date": long_date(round.opens_on)}
    return gettext("This self-review has closed: answers can no longer be changed.")


def _questions(round):
    return list(Question.objects.filter(feature__framework=round.framework_id).select_related("feature"))


def _bound_forms(request, questions):
    """An AnswerForm for each question the posted page gave an answer to."""
    forms = [AnswerForm(request.POST, question=q) for q in questions]
    return [form for form in forms if form.was_given()]


def _render_sheet(request, round, response, *, forms=(), missing=(), error="", status=200):
    """The answering page: features, their questions, what the person has answered so far."""
    posted = {form.question.pk: form for form in forms}
    answers = {a.question_id: a for a in response.answers.all()} if response else {}
    missing_ids = {q.pk for q in missing}
    features, number = [], 0
    for feature in Feature.objects.filter(framework=round.framework_id).prefetch_related("questions"):
        feature.items = []
        for question in feature.questions.all():
            number += 1
            item = _item(question, number, answers.get(question.pk), posted.get(question.pk))
            item.missing = question.pk in missing_ids
            feature.items.append(item)
        features.append(feature)
    numbers = {item.question.pk: item.number for f in features for item in f.items}
    context = {
        "round": round,
        "network": round.network,
        "response": response,
        "features": features,
        "ratings": RATING_CHOICES,
        "answered": len(answers),
        "total": number,
        "missing": [SimpleNamespace(question=q, number=numbers.get(q.pk)) for q in missing],
        "error": error,
        "not_open": "" if round.is_open else _not_open_message(round),
        "can_see_results": not round.is_open and request.user.has_perm("reviews.view_round_results", round),
    }
    return render(request, "reviews/response_edit.html", context, status=status)


def _item(question, number, answer, form):
    """What one question shows: the saved answer, or what was just posted when it was not valid."""
    item = SimpleNamespace(
        question=question,
        number=number,
        rating=answer.rating if answer else None,
        comment=answer.comment if answer else "",
        error="",
    )
    if form is not None:  # a page that was not saved shows what was posted, so nothing is lost
        posted = form.data.get(form.add_prefix("rating"), "")
        if posted in {str(value) for value, _ in RATING_CHOICES}:
            item.rating = int(posted)
        item.comment = form.data.get(form.add_prefix("comment"), "")
        item.error = "" if form.is_valid() else _problem(form)
    return item


def _problem(form):
    """What is wrong with a posted answer, in one sentence for the person."""
    if "rating" in form.errors and not form.data.get(form.add_prefix("rating")):
        return gettext("Choose a rating, or “Don't know”: your comment is saved with it.")
    return " ".join(" ".join(errors) for errors in form.errors.values())


def _save_posted(request, round, response):
    """Save every answer the posted page gives, all or none. Returns the page to show when they
    cannot be saved (the posted values kept on it), or None when they are saved."""
    if not round.is_open:
        return _render_sheet(request, round, response, error=_not_open_message(round), status=400)
    forms = _bound_forms(request, _questions(round))
    if not all(form.is_valid() for form in forms):
        return _render_sheet(request, round, response, forms=forms, error=_answers_not_saved(forms), status=400)
    try:
        services.answers_save(
            response=response,
            answers=[(f.question, f.cleaned_data["rating"], f.cleaned_data["comment"]) for f in forms],
        )
    except services.ReviewError as error:
        return _render_sheet(request, round, response, forms=forms, error=str(error), status=400)
    return None


@require_http_methods(["GET", "POST"])
def response_edit(request, pk):
    """Answer a round. Without JavaScript the whole page posts here and every answer given is saved."""
    round = round_for_user_or_404(request.user, pk)
    response = _response_or_404(request, round)
    if request.method == "GET":
        return _render_sheet(request, round, response)
    problem = _save_posted(request, round, response)
    if problem:
        return problem
    messages.success(
        request,
        gettext("Your answers are saved. You can come back to them until %(date)s.")
        % {"date": long_date(round.closes_on)},
    )
    return redirect("reviews:response_edit", pk=round.pk)


def _answers_not_saved(forms):
    bad = sum(1 for form in forms if not form.is_valid())
    return ngettext(
        "Nothing was saved: %(bad)d answer below needs a change.",
        "Nothing was saved: %(bad)d answers below need a change.",
        bad,
    ) % {"bad": bad}


@require_POST
def answer_save(request, pk, question_id):
    """Save one answer as it is given (htmx): the reply is the question's status and the progress."""
    round = round_for_user_or_404(request.user, pk)
    question = question_of_round_or_404(round, question_id)
    response = _response_or_404(request, round)
    form = AnswerForm(request.POST, question=question)
    if not round.is_open:
        return _answer_error(request, round, response, form, _not_open_message(round))
    if not form.is_valid():
        return _answer_error(request, round, response, form, _problem(form))
    try:
        services.answer_save(
            response=response,
            question=question,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
    except services.ReviewError as error:
        return _answer_error(request, round, response, form, str(error))
    if not request.htmx:
        return redirect(reverse("reviews:response_edit", args=[round.pk]) + f"#q-{question.pk}")
    context = {
        "question": question,
        "answered": response.answers.count(),
        "total": Question.objects.filter(feature__framework=round.framework_id).count(),
        "saved": True,
    }
    reply = render(request, "reviews/_answer_status.html", context)
    reply[SAVED_HEADER] = "saved"
    return reply


def _answer_error(request, round, response, form, message):
    if request.htmx:
        context = {"question": form.question, "error": message}
        return render(request, "reviews/_answer_status.html", context, status=400)
    return _render_sheet(request, round, response, forms=[form], error=message, status=400)


@require_POST
def response_submit(request, pk):
    """Save the answers the page posts (the last ones may not have been saved yet), then submit."""
    round = round_for_user_or_404(request.user, pk)
    response = _response_or_404(request, round)
    problem = _save_posted(request, round, response)
    if problem:
        return problem
    try:
        services.response_submit(response=response)
    except services.ReviewError as error:
        missing = list(unanswered_questions(response).select_related("feature"))
        return _render_sheet(request, round, response, missing=missing, error=str(error))
    messages.success(
        request,
        gettext("Thank you: your answers are in. You can change them until the round closes on %(date)s.")
        % {"date": long_date(round.closes_on)},
    )
    return redirect("reviews:round_detail", pk=round.pk)


# Maturity stages.


@require_http_methods(["GET", "POST"])
def maturity_record(request, urn):
    school = _school_or_404(request, urn, perm="reviews.record_maturity")
    form = MaturityForm(posted(request))
    if form.is_valid():
        record = services.maturity_record(school=school, recorded_by=request.user, **form.cleaned_data)
        messages.success(
            request,
            gettext("%(school)s is recorded as “%(stage)s” on %(date)s.")
            % {"school": school.name, "stage": record.get_stage_display(), "date": long_date(record.recorded_on)},
        )
        return redirect(school)
    history = maturity_history(school)
    return render(request, "reviews/maturity_record.html", {"school": school, "form": form, "history": history})


# Results.
#
# A self-review round's results, as a page and as a CSV: both from the same `RoundResults`.
#
# Figures appear only once a round has closed. While it is open, a leader who watched them move
# as each person submitted could subtract one view from the next and read that person's answers;
# so until then the page shows only how many have answered.
#
# Leaders of the round's network, consortium staff and operators see them at any time, school by
# school; members of the network see the network-level results once the round has closed. Anyone
# else gets a 404, as for a round that does not exist.


def _results(request, round, **options):
    """Those who run the round see school by school; members see the network as a whole."""
    school_level = request.user.has_perm("reviews.manage_round", round)
    return round_results_of(round, school_level=school_level, **options)


@require_GET
def round_results(request, pk):
    round = results_round_for_user_or_404(request.user, pk)
    if not round.is_closed:
        context = {
            "round": round,
            "network": round.network,
            "answered": round.responses.filter(submitted_at__isnull=False).count(),
            "asked": round_audience(round).count(),
        }
        return render(request, "reviews/results_pending.html", context)
    results = _results(request, round)
    context = {
        "round": round,
        "network": round.network,
        "results": results,
        "scale": SCALE,
        "ticks": SCALE_TICKS,
        "asked": round_audience(round).count(),
    }
    return render(request, "reviews/results.html", context)


@require_GET
def round_results_csv(request, pk):
    round = results_round_for_user_or_404(request.user, pk)
    if not round.is_closed:
        raise Http404
    results = _results(request, round, with_comments=False)  # the CSV has figures only
    filename = f"{round.network.slug}-self-review-{round.opens_on:%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark, so a spreadsheet opened by double-click reads Welsh names rightly.
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in results.csv_rows():
        writer.writerow([csv_safe(value) for value in row])
    return response
