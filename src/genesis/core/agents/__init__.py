"""The five sub-agents and the business brief they feed.

Each agent (``research``, ``content``, ``logo``, ``seo``, ``template``) is a pure
async function of the coaching answers and context; ``runner.run_agents`` runs
them concurrently and ``brief.assemble_brief`` turns their results into the
brief. Everything works offline; an LLM or web search only improves results.
"""

from genesis.core.agents.types import AGENT_NAMES, AgentInput, AgentResult

__all__ = ["AGENT_NAMES", "AgentInput", "AgentResult"]
