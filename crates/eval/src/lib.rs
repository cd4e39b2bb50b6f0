//! Evaluation: ROUGE, PolNeAR attribution scoring, TimeML timex scoring, conflict injection.
