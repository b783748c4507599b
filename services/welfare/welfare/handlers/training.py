"""Training sessions (Art. 32): legal and safety training, and who attended (by police id).
A record only: no work item, nothing on the bus."""
from weiquan.contracts.base import load_or_error
from weiquan.contracts.welfare import AttendanceV1, TrainingQueryV1, TrainingV1

from welfare.domain import rules
from welfare.domain.model import Training
from welfare.handlers.common import authorized, filters_of, found, new_id
from welfare.repository import WelfareRepository
from welfare.views import page, training_view

ACTION = "manage_training"


def create(store, now, command, principal):
    principal = authorized(principal, ACTION)
    cmd = load_or_error(TrainingV1, command)
    training = Training(id=new_id(), title=cmd["title"], topic=cmd["topic"],
                        held_at=cmd["held_at"], trainer=cmd["trainer"],
                        created_by=principal["username"])
    with store.uow() as uow:
        WelfareRepository(uow.session).add_training(training)
    return training_view(training)


def get(store, training_id, principal):
    authorized(principal, ACTION)
    with store.session() as session:
        return training_view(found(WelfareRepository(session).get_training(training_id),
                                   "training", training_id))


def record_attendance(store, now, training_id, command, principal):
    """Attendees already on the list are kept once; the answer is the whole list."""
    principal = authorized(principal, ACTION)
    cmd = load_or_error(AttendanceV1, command)
    with store.uow() as uow:
        repo = WelfareRepository(uow.session)
        training = found(repo.get_training(training_id, for_update=True), "training",
                         training_id)
        added = rules.new_attendees(training, cmd["police_ids"])
        repo.add_attendees(training.id, added, principal["username"], now)
        training.attendees.extend(added)
    return training_view(training)


def list_(store, filters, principal):
    authorized(principal, ACTION)
    loaded, offset, limit = filters_of(TrainingQueryV1, filters)
    with store.session() as session:
        total, found_ = WelfareRepository(session).list_trainings(offset, limit)
    return page([training_view(t, count) for t, count in found_], loaded, total)
