//! A learner going through a module: lesson steps, guided practice, the five-question check
//! and its result. Pure state, driven by the UI; what is worth keeping becomes
//! [`ModuleProgress`] under the learner's code.

use content::{Choice, Module};

use crate::store::ModuleProgress;

/// Where in a module the learner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading lesson step `n` (0-based).
    Step(usize),
    /// Practice item `n`.
    Practice(usize),
    /// Check question `n`.
    Question(usize),
    /// The check is over.
    Result,
}

/// One run through a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleRun {
    /// The module's id.
    pub module_id: String,
    /// Where the learner is.
    pub stage: Stage,
    /// The option chosen for the current practice item or question, once answered.
    pub answer: Option<usize>,
    /// Check questions answered right so far.
    pub score: u32,
    /// What this run achieved, to merge into stored progress.
    pub progress: ModuleProgress,
    steps: usize,
    practice: usize,
    questions: usize,
}

impl ModuleRun {
    /// Starts `module` at its first step, or at the check if `skip_to_check`.
    pub fn start(module: &Module, skip_to_check: bool) -> ModuleRun {
        ModuleRun {
            module_id: module.id.clone(),
            stage: if skip_to_check {
                Stage::Question(0)
            } else {
                Stage::Step(0)
            },
            answer: None,
            score: 0,
            progress: ModuleProgress::default(),
            steps: module.step.len(),
            practice: module.practice.len(),
            questions: module.question.len(),
        }
    }

    /// The choice for the current stage, if it is a practice item or a question.
    pub fn current_choice<'m>(&self, module: &'m Module) -> Option<&'m Choice> {
        match self.stage {
            Stage::Practice(n) => module.practice.get(n),
            Stage::Question(n) => module.question.get(n),
            _ => None,
        }
    }

    /// Answers the current practice item or question. Returns whether it was right; `None` if
    /// there is nothing to answer or it was already answered.
    pub fn answer(&mut self, module: &Module, option: usize) -> Option<bool> {
        if self.answer.is_some() {
            return None;
        }
        let choice = self.current_choice(module)?;
        let right = choice.correct.contains(&(option as u32));
        self.answer = Some(option);
        match self.stage {
            Stage::Practice(_) => {
                self.progress.steps_done.insert(choice.id.clone());
            }
            Stage::Question(_) if right => self.score += 1,
            _ => {}
        }
        Some(right)
    }

    /// Moves on. Returns the new stage.
    pub fn next(&mut self, module: &Module) -> Stage {
        self.answer = None;
        self.stage = match self.stage {
            Stage::Step(n) => {
                if let Some(step) = module.step.get(n) {
                    self.progress.steps_done.insert(step.id.clone());
                }
                if n + 1 < self.steps {
                    Stage::Step(n + 1)
                } else if self.practice > 0 {
                    Stage::Practice(0)
                } else {
                    Stage::Question(0)
                }
            }
            Stage::Practice(n) if n + 1 < self.practice => Stage::Practice(n + 1),
            Stage::Practice(_) => Stage::Question(0),
            Stage::Question(n) if n + 1 < self.questions => Stage::Question(n + 1),
            Stage::Question(_) => {
                self.progress.best_score =
                    Some(self.progress.best_score.unwrap_or(0).max(self.score));
                self.progress.passed |= self.passed(module);
                Stage::Result
            }
            Stage::Result => Stage::Result,
        };
        self.stage
    }

    /// Goes back one lesson step (only while reading the lesson).
    pub fn previous(&mut self) -> Stage {
        if let Stage::Step(n) = self.stage
            && n > 0
        {
            self.stage = Stage::Step(n - 1);
        }
        self.stage
    }

    /// Starts the check again (after a result).
    pub fn retry(&mut self) {
        self.stage = Stage::Question(0);
        self.answer = None;
        self.score = 0;
    }

    /// True once the check's score reaches the module's pass mark.
    pub fn passed(&self, module: &Module) -> bool {
        self.score >= module.pass_mark
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module() -> Module {
        content::Bundle::sample()
            .expect("sample")
            .module("strong-passwords")
            .expect("module")
            .clone()
    }

    fn right_option(choice: &Choice) -> usize {
        choice.correct[0] as usize
    }

    fn wrong_option(choice: &Choice) -> usize {
        (0..choice.options as usize)
            .find(|o| !choice.correct.contains(&(*o as u32)))
            .unwrap_or(0)
    }

    #[test]
    fn a_full_run_with_four_of_five_passes() {
        let module = module();
        let mut run = ModuleRun::start(&module, false);
        for _ in 0..module.step.len() {
            assert!(matches!(run.stage, Stage::Step(_)));
            run.next(&module);
        }
        for _ in 0..module.practice.len() {
            let choice = run.current_choice(&module).expect("practice").clone();
            assert_eq!(
                run.answer(&module, wrong_option(&choice)),
                Some(false),
                "practice feedback"
            );
            assert_eq!(
                run.answer(&module, right_option(&choice)),
                None,
                "one answer per item"
            );
            run.next(&module);
        }
        for n in 0..5 {
            let choice = run.current_choice(&module).expect("question").clone();
            let option = if n == 0 {
                wrong_option(&choice)
            } else {
                right_option(&choice)
            };
            run.answer(&module, option);
            run.next(&module);
        }
        assert_eq!(run.stage, Stage::Result);
        assert_eq!(run.score, 4);
        assert!(run.passed(&module));
        assert_eq!(run.progress.best_score, Some(4));
        assert!(run.progress.passed);
        assert_eq!(
            run.progress.steps_done.len(),
            module.step.len() + module.practice.len()
        );
    }

    #[test]
    fn three_of_five_fails_and_a_retry_can_pass() {
        let module = module();
        let mut run = ModuleRun::start(&module, true);
        for n in 0..5 {
            let choice = run.current_choice(&module).expect("question").clone();
            run.answer(
                &module,
                if n < 2 {
                    wrong_option(&choice)
                } else {
                    right_option(&choice)
                },
            );
            run.next(&module);
        }
        assert_eq!(
            (run.score, run.passed(&module), run.progress.passed),
            (3, false, false)
        );
        run.retry();
        for _ in 0..5 {
            let choice = run.current_choice(&module).expect("question").clone();
            run.answer(&module, right_option(&choice));
            run.next(&module);
        }
        assert_eq!(
            (run.progress.best_score, run.progress.passed),
            (Some(5), true)
        );
    }

    #[test]
    fn previous_stays_within_the_lesson() {
        let module = module();
        let mut run = ModuleRun::start(&module, false);
        assert_eq!(run.previous(), Stage::Step(0));
        run.next(&module);
        assert_eq!(run.previous(), Stage::Step(0));
    }
}
