"""Use-cases. Each owns its transaction; jobs are enqueued after the commit.

``web``, ``cli`` and ``jobs`` call these functions; they call ``store``, ``llm``
and ``core``.
"""

from genesis.service.accounts import (
    AccessToken,
    authenticate,
    change_password,
    check_password,
    delete_user,
    normalized_email,
    register_user,
    renewed_token,
    token_claims,
    update_user,
    user_from_token,
    user_id_from_token,
)
from genesis.service.agents import (
    BriefPage,
    agents_progress,
    brief_page,
    complete_session,
    get_brief,
    get_brief_for_export,
    recover_stalled,
    retry_agents,
    run_agents,
)
from genesis.service.coaching import resume_session, start_session, submit_answer
from genesis.service.common import session_key
from genesis.service.finances import FinancesView, get_finances, update_finances
from genesis.service.logo import clear_logo, set_logo
from genesis.service.session_view import CoachingState, ConversationView, SessionDetail
from genesis.service.sessions import (
    CoachingPage,
    coaching_help,
    coaching_page,
    coaching_proposals,
    delete_session,
    get_session,
    list_sessions,
    session_page,
    sessions_by_status,
)
from genesis.service.website import (
    WebsiteView,
    get_website,
    public_site,
    publish_site,
    set_contact,
    site_contact,
    unpublish_site,
)

__all__ = [
    "AccessToken",
    "BriefPage",
    "CoachingPage",
    "CoachingState",
    "ConversationView",
    "FinancesView",
    "SessionDetail",
    "WebsiteView",
    "agents_progress",
    "authenticate",
    "brief_page",
    "change_password",
    "check_password",
    "clear_logo",
    "coaching_help",
    "coaching_page",
    "coaching_proposals",
    "complete_session",
    "delete_session",
    "delete_user",
    "get_brief",
    "get_brief_for_export",
    "get_finances",
    "get_session",
    "get_website",
    "list_sessions",
    "normalized_email",
    "public_site",
    "publish_site",
    "recover_stalled",
    "register_user",
    "renewed_token",
    "resume_session",
    "retry_agents",
    "run_agents",
    "session_key",
    "session_page",
    "sessions_by_status",
    "set_contact",
    "set_logo",
    "site_contact",
    "start_session",
    "submit_answer",
    "token_claims",
    "unpublish_site",
    "update_finances",
    "update_user",
    "user_from_token",
    "user_id_from_token",
]
