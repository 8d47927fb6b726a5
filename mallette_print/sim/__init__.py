"""Playability simulator: plays the game from its data (rules/en.md) and reports its balance.

Modules: tables (the data compiled to indices, every number read from GameData), state (one
game's table), primitives (action codes, causes of defeat, the choices left to a policy, the small
state changes every rule uses), cooperation (who fills a cooperation's places, the cheapest payment,
laying it), rules (legal actions, events, turns, review, victory and defeat), policies (the tables
by name: greedy.py, hidden.py, random_policy.py), runner (N seeded games, statistics), report (text
report, dead cards), setups (`simulate --setups`), check (`mallette check --simulate`). The
benchmark is benchmarks/sim.py.

Readings chosen where the rulebook leaves room (a table would read it so; the rulebook
says the same where it needed clarifying):

- Setup: actors are dealt by the setup rule (game.setup): a family line-up the rule allows
  at random, then an actor of each family at random (with no rule for the table size: one
  actor per family before any family repeats). An empty resource pile gives nothing.
- The table talks: the greedy policy plans with every hand in view (cards may be described,
  not shown), the hidden one with its own hand and what the others said (hidden.py); partners
  always agree. The random table agrees to everything too.
- Abilities never cost an action. Swaps (convert), free moves, lowering Fragility and
  extending a deadline are used during the owner's turn; cancelling an event when it is
  revealed; bonuses when a cooperation is laid. "Once per round" resets at each Review.
- Remote exchange works for the actor who has it, when it gives or swaps.
- Exchanges: give one resource or one Cooperation card, or swap a resource for a resource.
- A proposal whose conditions are not met costs the action and the card stays in hand; the
  greedy table never makes one. The partners pay the cheapest combination (least value lost,
  then fewest cards, then fragile cards first); a value bonus counts once per partner and kind.
- Hybridisation counts the kinds actually paid: a card asking for fewer kinds than the
  minimum is laid only if the partners add a resource of another kind.
- Draw-cooperation: at the end-of-turn refill the actor draws its extra card(s) even with a
  full hand, then discards as many. The Cooperation pile is rebuilt from its discards when
  empty; events likewise.
- Events hit actors standing in their zones when revealed; "takes" picks among the actor's
  listed piles that are not empty. Fragility checks defeat at once; tracks at 0 count at the
  Review; the game ends after the Review of the last round.
"""
