# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the R reference values that tests/unit/test_stats.c checks
# lib/care_stats.c against (R 4.2.2, survey 4.1.1).  Run from this directory:
#   Rscript make_reference.R
# It writes weighted.csv (the weighted test sample) and r_reference.csv
# (kind,args,level,field,value; args space-separated; value as %.17g).
suppressMessages(library(survey))
options(warn = -1)

out <- character(0)
emit <- function(kind, args, level, field, value)
	out <<- c(out, sprintf("%s,%s,%s,%s,%.17g", kind,
	    paste(args, collapse = " "), format(level), field, value))

levels <- c(0.95, 0.90)
props <- list(c(0, 23), c(0, 7), c(23, 23), c(7, 7), c(3, 7), c(1, 1),
    c(0, 1), c(5, 10), c(4, 8), c(6, 11), c(5, 11), c(1, 9), c(8, 9),
    c(12, 30), c(618, 1000), c(4321, 98765), c(2L, 200000L))

for (lev in levels) for (xn in props) {
	x <- xn[1]; n <- xn[2]
	z <- qnorm((1 + lev) / 2)
	ci <- prop.test(x, n, correct = FALSE, conf.level = lev)$conf.int
	emit("ci", c("wilson", x, n), lev, "lo", ci[1])
	emit("ci", c("wilson", x, n), lev, "hi", ci[2])
	ci <- prop.test(x, n, conf.level = lev)$conf.int
	emit("ci", c("wilson_cc", x, n), lev, "lo", ci[1])
	emit("ci", c("wilson_cc", x, n), lev, "hi", ci[2])
	ci <- binom.test(x, n, conf.level = lev)$conf.int
	emit("ci", c("cp", x, n), lev, "lo", ci[1])
	emit("ci", c("cp", x, n), lev, "hi", ci[2])
	# Wald and Agresti-Coull as statsmodels computes them, clipped.
	p <- x / n
	h <- z * sqrt(p * (1 - p) / n)
	emit("ci", c("wald", x, n), lev, "lo", max(0, p - h))
	emit("ci", c("wald", x, n), lev, "hi", min(1, p + h))
	nt <- n + z^2
	pt <- (x + z^2 / 2) / nt
	h <- z * sqrt(pt * (1 - pt) / nt)
	emit("ci", c("ac", x, n), lev, "lo", max(0, pt - h))
	emit("ci", c("ac", x, n), lev, "hi", min(1, pt + h))
}

# McNemar: b = n10, c = n01.
for (bc in list(c(7, 7), c(0, 0), c(12, 5), c(5, 12), c(3, 4), c(0, 9),
    c(40, 18), c(1, 0))) {
	b <- bc[1]; cc <- bc[2]
	m <- matrix(c(20, cc, b, 30), 2)	# m[1,2] = b, m[2,1] = c
	for (corr in c(TRUE, FALSE)) {
		t <- mcnemar.test(m, correct = corr)
		emit("mcnemar", c(b, cc, as.integer(corr)), 0.95, "stat",
		    t$statistic)
		emit("mcnemar", c(b, cc, as.integer(corr)), 0.95, "p",
		    t$p.value)
	}
	if (b + cc > 0)
		emit("mcnemar_exact", c(b, cc), 0.95, "p",
		    binom.test(b, b + cc)$p.value)
}

# Two proportions (x1/n1 versus x2/n2) and Newcombe's hybrid score CI.
wil <- function(x, n, lev)
	prop.test(x, n, correct = FALSE, conf.level = lev)$conf.int
for (lev in levels) for (q in list(c(30, 100, 45, 110), c(3, 7, 5, 9),
    c(0, 12, 4, 15), c(10, 20, 10, 20), c(10, 20, 11, 21),
    c(618, 1000, 570, 980), c(9, 9, 3, 10))) {
	x <- q[c(1, 3)]; n <- q[c(2, 4)]
	for (corr in c(TRUE, FALSE)) {
		t <- prop.test(x, n, correct = corr, conf.level = lev)
		a <- c(q, as.integer(corr))
		emit("prop2", a, lev, "stat", t$statistic)
		emit("prop2", a, lev, "p", t$p.value)
		emit("prop2", a, lev, "lo", t$conf.int[1])
		emit("prop2", a, lev, "hi", t$conf.int[2])
	}
	p <- x / n
	l1 <- wil(x[1], n[1], lev); l2 <- wil(x[2], n[2], lev)
	d <- p[1] - p[2]
	emit("newcombe", q, lev, "lo",
	    d - sqrt((p[1] - l1[1])^2 + (l2[2] - p[2])^2))
	emit("newcombe", q, lev, "hi",
	    d + sqrt((l1[2] - p[1])^2 + (p[2] - l2[1])^2))
}

# Cochran-Armitage trend and homogeneity over k waves.
for (tc in list(list(c(15, 22, 31), c(50, 52, 55), NULL),
    list(c(15, 22, 31), c(50, 52, 55), c(2019, 2022, 2025)),
    list(c(120, 131, 150, 171), c(400, 410, 405, 420), NULL),
    list(c(120, 131, 150, 171), c(400, 410, 405, 420), c(1, 2, 4, 8)),
    list(c(5, 3, 9, 2), c(10, 12, 11, 9), c(2016, 2019, 2022, 2025)),
    list(c(10, 10, 10), c(20, 20, 20), NULL))) {
	x <- tc[[1]]; n <- tc[[2]]; s <- tc[[3]]
	k <- length(x)
	if (is.null(s)) s <- seq_len(k)
	t <- prop.trend.test(x, n, s)
	a <- c(k, x, n, s)
	emit("trend", a, 0.95, "stat", t$statistic)
	emit("trend", a, 0.95, "p", t$p.value)
	t <- prop.test(x, n)
	emit("homog", c(k, x, n), 0.95, "stat", t$statistic)
	emit("homog", c(k, x, n), 0.95, "p", t$p.value)
}
# k = 2 homogeneity is the Yates-corrected two-sample test.
t <- prop.test(c(30, 45), c(100, 110))
emit("homog", c(2, 30, 45, 100, 110), 0.95, "stat", t$statistic)
emit("homog", c(2, 30, 45, 100, 110), 0.95, "p", t$p.value)

# Weighted sample: three areas, unequal weights, about 30 rows each.
set.seed(20250401)
na <- c(A = 31, B = 28, C = 33)
area <- rep(names(na), na)
prob <- c(A = 0.35, B = 0.6, C = 0.5)[area]
w <- sprintf("%.3f", round(runif(length(area), 0.4, 3.2), 3))
y <- as.integer(runif(length(area)) < prob)
score <- sample(40:100, length(area), replace = TRUE)
write.csv(data.frame(area = area, w = w, y = y, score = score),
    "weighted.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("weighted.csv")
designs <- list(w = svydesign(ids = ~1, weights = ~w, data = d),
    u = svydesign(ids = ~1, data = d))
for (dn in names(designs)) for (dom in c("all", "A", "B", "C")) {
	des <- designs[[dn]]
	if (dom != "all")
		des <- subset(des, area == dom)
	a <- c(dn, dom)
	m <- svymean(~y, des, deff = TRUE)
	emit("svyprop", a, 0.95, "est", coef(m))
	emit("svyprop", a, 0.95, "se", SE(m))
	emit("svyprop", a, 0.95, "df", degf(des))
	emit("svyprop", a, 0.95, "deff", deff(m))
	emit("svyprop", a, 0.95, "deffr",
	    deff(svymean(~y, des, deff = "replace")))
	m <- svymean(~score, des, deff = TRUE)
	emit("svymean", a, 0.95, "est", coef(m))
	emit("svymean", a, 0.95, "se", SE(m))
	emit("svymean", a, 0.95, "deff", deff(m))
	emit("svymean", a, 0.95, "deffr",
	    deff(svymean(~score, des, deff = "replace")))
	for (lev in levels) {
		ci <- confint(m, level = lev, df = degf(des))
		emit("svymean", a, lev, "lo", ci[1])
		emit("svymean", a, lev, "hi", ci[2])
		for (meth in c("logit", "mean", "beta", "xlogit", "asin")) {
			r <- svyciprop(~y, des, method = meth, level = lev)
			ci <- attr(r, "ci")
			emit("svyciprop", c(a, meth), lev, "lo", ci[1])
			emit("svyciprop", c(a, meth), lev, "hi", ci[2])
		}
		# svyciprop's logit stops svyglm's IRLS at glm's epsilon 1e-8,
		# up to 2.2e-9 relative short of the closed form; refit it to
		# convergence so the closed form can be checked at 1e-9.
		g <- svyglm(y ~ 1, des, family = quasibinomial,
		    control = glm.control(epsilon = 1e-15, maxit = 100))
		ci <- as.numeric(survey:::expit(confint(g, 1, level = lev,
		    method = "Wald", ddf = degf(des))))
		emit("svyciprop_conv", c(a, "logit"), lev, "lo", ci[1])
		emit("svyciprop_conv", c(a, "logit"), lev, "hi", ci[2])
	}
}

writeLines(c("kind,args,level,field,value", out), "r_reference.csv")
